package dev.frontdesk.visitor.visitors;

import java.time.Instant;
import java.util.List;

import dev.frontdesk.visitor.config.VisitorsConfig;

/** A visitor's presence: {@code live} in a filter means active or idle. */
public enum LiveState {
    ACTIVE, IDLE, LEFT, LIVE;

    /**
     * The one definition of presence, as SQL over a {@code visitor} row: {@code $2} = left before, {@code $3} = active
     * since, {@code $4} = idle before (see {@link #bounds}). Reads and the presence job both use it.
     */
    static final String SQL = """
            (CASE WHEN last_seen_at < $2 THEN 'left'
                  WHEN last_seen_at < $3 OR last_active_at < $4 THEN 'idle'
                  ELSE 'active' END)""";

    /** The values of {@code $2..$4} of {@link #SQL} at {@code now}. */
    static List<Instant> bounds(Instant now, VisitorsConfig config) {
        return List.of(now.minus(config.leftAfter()), now.minus(config.activeWindow()), now.minus(config.idleAfter()));
    }
}

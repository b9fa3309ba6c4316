package dev.frontdesk.call.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a call, and the one place that says which status may follow which. {@code RINGING} is optional:
 * a callee can answer before notification-service has reported the delivery.
 */
public enum CallStatus {

    INITIATED, RINGING, ANSWERED, DECLINED, MISSED, CANCELLED, ENDED;

    private static final Map<CallStatus, Set<CallStatus>> NEXT = Map.of(
            INITIATED, EnumSet.of(RINGING, ANSWERED, DECLINED, MISSED, CANCELLED),
            RINGING, EnumSet.of(ANSWERED, DECLINED, MISSED, CANCELLED),
            ANSWERED, EnumSet.of(ENDED),
            DECLINED, EnumSet.noneOf(CallStatus.class),
            MISSED, EnumSet.noneOf(CallStatus.class),
            CANCELLED, EnumSet.noneOf(CallStatus.class),
            ENDED, EnumSet.noneOf(CallStatus.class));

    public boolean canBecome(CallStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Unanswered and not over: the callee's screen is (or is about to be) ringing. */
    public boolean isRinging() {
        return this == INITIATED || this == RINGING;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}

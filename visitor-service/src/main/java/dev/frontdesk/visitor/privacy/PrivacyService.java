package dev.frontdesk.visitor.privacy;

import static dev.frontdesk.visitor.repository.VisitorStore.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.service.VisitorEvents;
import dev.frontdesk.visitor.widget.VisitorIds;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * GDPR: export everything about a visitor, erase a visitor (here, and {@code visitor.erased} for the other
 * services, in one transaction), and purge anonymous visitors past their organization's retention.
 */
@ApplicationScoped
public class PrivacyService {

    private static final Logger LOG = Logger.getLogger(PrivacyService.class);

    private static final String VISITOR = "SELECT * FROM visitor WHERE id = $1 AND org_id = $2";
    private static final String CONTACT = "SELECT id, external_id, email, name, created_at FROM contact WHERE id = $1";
    private static final String PAGES = "SELECT url, title, referrer, viewed_at, left_at FROM page_view WHERE visitor_id = $1 ORDER BY viewed_at";
    private static final String VISITS = "SELECT started_at FROM visit WHERE visitor_id = $1 ORDER BY started_at";
    private static final String CONVERSATIONS = "SELECT id, subject, status, created_at FROM conversation WHERE visitor_id = $1 ORDER BY created_at";
    private static final String MESSAGES = """
            SELECT m.conversation_id, m.sender_type, m.sender_name, m.body, m.sent_at FROM message m
            JOIN conversation c ON c.id = m.conversation_id WHERE c.visitor_id = $1 ORDER BY m.sent_at""";
    private static final String INVITES = """
            SELECT id, session_id, room_id, guest_url, status, invited_by_name, message, invited_at, accepted_at,
                   declined_at, expired_at, cancelled_at, completed_at, duration_seconds
            FROM invite WHERE visitor_id = $1 ORDER BY invited_at""";

    private static final String LOCK = "SELECT contact_id FROM visitor WHERE id = $1 AND org_id = $2 FOR UPDATE";
    private static final String DELETE = "DELETE FROM visitor WHERE id = $1";
    // A contact is personal data too: it goes with its last visitor.
    private static final String DELETE_ORPHAN_CONTACT = """
            DELETE FROM contact WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM visitor WHERE contact_id = $1)""";

    // Anonymous visitors not seen within their organization's retention; SKIP LOCKED so replicas share the work.
    private static final String EXPIRED = """
            SELECT v.id, v.org_id FROM visitor v LEFT JOIN organization o ON o.id = v.org_id
            WHERE v.contact_id IS NULL
              AND v.last_seen_at < $1::timestamptz - make_interval(days => coalesce(o.retention_days, $2))
            ORDER BY v.last_seen_at LIMIT $3 FOR UPDATE OF v SKIP LOCKED""";

    private final Pool pool;
    private final Outbox outbox;
    private final VisitorsConfig config;
    private final Clock clock;

    public PrivacyService(Pool pool, Outbox outbox, VisitorsConfig config, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Everything stored about the visitor, as one JSON document. */
    public Uni<JsonObject> export(String org, UUID visitorId) {
        return pool.withTransaction(connection -> connection.preparedQuery(VISITOR).execute(Tuple.of(visitorId, org))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(visitorId);
                    }
                    Row visitor = rows.iterator().next();
                    JsonObject export = new JsonObject()
                            .put("exportedAt", clock.instant().toString())
                            .put("visitor", json(visitor).put("id", VisitorIds.format(visitorId)));
                    UUID contact = visitor.getUUID("contact_id");
                    Uni<Void> contactPart = contact == null ? Uni.createFrom().voidItem()
                            : all(connection, CONTACT, contact).invoke(list -> export.put("contact", list.isEmpty() ? null : list.get(0))).replaceWithVoid();
                    return contactPart
                            .chain(() -> all(connection, PAGES, visitorId)).invoke(list -> export.put("pageViews", list))
                            .chain(() -> all(connection, VISITS, visitorId)).invoke(list -> export.put("visits", list))
                            .chain(() -> all(connection, CONVERSATIONS, visitorId)).invoke(list -> export.put("conversations", list))
                            .chain(() -> all(connection, MESSAGES, visitorId)).invoke(list -> export.put("messages", list))
                            .chain(() -> all(connection, INVITES, visitorId)).invoke(list -> export.put("invites", list))
                            .replaceWith(export);
                }));
    }

    /** Deletes the visitor and all that hangs on it, and tells the other services; 404 if not in this org. */
    public Uni<Void> erase(String org, UUID visitorId) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(visitorId, org))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(visitorId);
                    }
                    return delete(connection, org, visitorId, rows.iterator().next().getUUID("contact_id"));
                }));
    }

    public int batchSize() {
        return config.retentionBatch();
    }

    /**
     * One paced step of retention: purges at most {@code frontdesk.visitors.retention-batch} expired anonymous
     * visitors in one transaction. Returns how many; callers repeat while it returns a full batch.
     */
    public Uni<Integer> purgeExpired() {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> connection.preparedQuery(EXPIRED)
                .execute(Tuple.of(utc(now), config.defaultRetentionDays(), config.retentionBatch()))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> delete(connection, row.getString("org_id"), row.getUUID("id"), null))
                            .collect().last().replaceWith(due.size());
                }))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Retention purged %d anonymous visitor(s)", count);
                    }
                });
    }

    private Uni<Void> delete(SqlConnection connection, String org, UUID visitorId, UUID contactId) {
        String id = VisitorIds.format(visitorId);
        return outbox.record(connection, VisitorEvents.VISITOR_ERASED, id, new VisitorEvents.Erased(id, org))
                .chain(() -> connection.preparedQuery(DELETE).execute(Tuple.of(visitorId)))
                .chain(() -> contactId == null ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(DELETE_ORPHAN_CONTACT).execute(Tuple.of(contactId)).replaceWithVoid())
                .replaceWithVoid();
    }

    private static Uni<List<JsonObject>> all(SqlConnection connection, String sql, UUID id) {
        return connection.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            List<JsonObject> list = new ArrayList<>();
            rows.forEach(row -> list.add(json(row)));
            return list;
        });
    }

    /** A row as JSON with camelCase keys; times as ISO strings. */
    private static JsonObject json(Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            if (value instanceof java.time.temporal.Temporal || value instanceof UUID) {
                value = value instanceof java.time.OffsetDateTime t ? t.toInstant().toString() : value.toString();
            } else if (value instanceof Object[] array) {
                value = List.of(array);
            }
            map.put(camel(row.getColumnName(i)), value);
        }
        return new JsonObject(map);
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No visitor " + VisitorIds.format(id) + ".");
    }
}

package dev.frontdesk.notification.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.platform.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The delivery log as admins read it, always within one organization. */
@ApplicationScoped
public class DeliveryQueries {

    private static final String LIST = """
            SELECT id, channel, recipient, kind, type, subject_id, status, attempts, last_error, due_at, created_at,
                   updated_at, provider_status, provider_error_code, count(*) OVER () AS total
            FROM delivery
            WHERE org = $1 AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR status = $3)
              AND ($4::text IS NULL OR type = $4) AND ($5::text IS NULL OR subject_id = $5)
            ORDER BY created_at DESC, id LIMIT $6 OFFSET $7""";

    private final Pool pool;

    public DeliveryQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code providerStatus}, {@code providerErrorCode}: an SMS's status as Twilio last moved it ({@code queued} …
     * {@code delivered}) and the error code of the failure Twilio reported; null for other channels.
     */
    public record DeliveryView(UUID id, String channel, String recipient, String kind, String type, String subjectId,
            String status, int attempts, String lastError, Instant dueAt, Instant createdAt, Instant updatedAt,
            String providerStatus, Integer providerErrorCode) {
    }

    public record Filter(DeliveryChannel channel, DeliveryStatus status, String type, String subjectId) {
    }

    public Uni<Page<DeliveryView>> list(String org, Filter filter, int page, int size) {
        return pool.preparedQuery(LIST).execute(Tuple.from(new Object[] { org,
                filter.channel() == null ? null : filter.channel().value(),
                filter.status() == null ? null : filter.status().value(), filter.type(), filter.subjectId(), size,
                page * size }))
                .map(rows -> {
                    List<DeliveryView> items = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        total = row.getLong("total");
                        items.add(new DeliveryView(row.getUUID("id"), row.getString("channel"), row.getString("recipient"),
                                row.getString("kind"), row.getString("type"), row.getString("subject_id"),
                                row.getString("status"), row.getInteger("attempts"), row.getString("last_error"),
                                instant(row.getOffsetDateTime("due_at")), instant(row.getOffsetDateTime("created_at")),
                                instant(row.getOffsetDateTime("updated_at")), row.getString("provider_status"),
                                row.getInteger("provider_error_code")));
                    }
                    return new Page<>(items, page, size, total);
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

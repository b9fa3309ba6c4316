package dev.frontdesk.booking.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.model.WebhookEndpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    private static final String RECEIVE = """
            INSERT INTO webhook_receipt (endpoint_id, trigger, booking_uid, sent_at, seat, body_sha256, outcome,
                                         received_at)
            VALUES (:endpoint, :trigger, :uid, :sentAt, :seat, :sha, :outcome, :at)
            ON CONFLICT DO NOTHING""";

    public Uni<List<WebhookEndpoint>> listByOrg(String orgId) {
        return list("orgId = ?1 and disabledAt is null", Sort.by("createdAt"), orgId);
    }

    public Uni<WebhookEndpoint> findActive(UUID id) {
        return find("id = ?1 and disabledAt is null", id).firstResult();
    }

    /**
     * Records a delivery; false if it was seen before, as the same body or as the same (trigger, uid, createdAt,
     * seat).
     */
    public Uni<Boolean> receive(UUID endpointId, String trigger, String bookingUid, String sentAt, String seat,
            String bodySha256, String outcome, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECEIVE)
                .setParameter("endpoint", endpointId)
                .setParameter("trigger", trigger)
                .setParameter("uid", bookingUid)
                .setParameter("sentAt", sentAt)
                .setParameter("seat", seat)
                .setParameter("sha", bodySha256)
                .setParameter("outcome", outcome)
                .setParameter("at", at)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

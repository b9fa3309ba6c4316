package dev.frontdesk.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.model.Notification;
import dev.frontdesk.platform.inbox.AfterCommit;
import dev.frontdesk.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Turns a decision "tell this audience this" into rows and events, in the caller's transaction: the delivery, the
 * replayable notification, and a fan-out event every replica reads to write the frame to its own sockets. The
 * replica that reaches a socket marks the delivery delivered ({@link DeliveryLog#delivered}). Inside an inbox
 * transaction this replica writes the frame to its own sockets right after the commit ({@link LocalFanout}), a
 * fan-out hop sooner; the fan-out event still brings it to every replica.
 */
@ApplicationScoped
public class Notifier {

    static final String OFFLINE = "recipient-offline";
    static final String EXPIRED = "expired-before-delivery";

    private static final String CLOSE = """
            UPDATE notification SET deliver_until = :now
            WHERE org = :org AND subject_id = :subject AND type = :type AND deliver_until > :now""";

    private final Presence presence;
    private final Outbox outbox;
    private final LocalFanout local;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Notifier(Presence presence, Outbox outbox, LocalFanout local, ObjectMapper mapper, Clock clock) {
        this.presence = presence;
        this.outbox = outbox;
        this.local = local;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * What to send, to whom. {@code recipient} is the user id, the visitor id or {@code staff}; {@code deliverUntil}
     * (optional) the last instant the frame is still true, e.g. a call's ring deadline.
     */
    public record Message(String org, String audience, String recipient, String kind, String type, String subjectId,
            String visitorId, Object payload, Instant deliverUntil) {

        public Message(String org, String audience, String recipient, String kind, String type, String subjectId,
                String visitorId, Object payload) {
            this(org, audience, recipient, kind, type, subjectId, visitorId, payload, null);
        }
    }

    /**
     * Records a socket notification and hands it to the replicas. If no replica holds a socket of the audience right
     * now it is recorded as failed ({@code recipient-offline}, with {@code notification.failed}); it stays in the
     * replay window and turns delivered if the recipient reconnects in time. A message already past its
     * {@code deliverUntil} (its event came late: the broker was down, a consumer lagged) is recorded as failed
     * ({@code expired-before-delivery}) and reaches no socket.
     */
    public Uni<Delivery> notify(Message message) {
        Instant now = clock.instant();
        JsonNode payload = mapper.valueToTree(message.payload());
        Delivery delivery = Delivery.create(UUID.randomUUID(), message.org(), DeliveryChannel.SOCKET,
                message.recipient(), message.kind(), message.type(), message.subjectId(), now);
        delivery.visitorId = message.visitorId();
        Notification notification = new Notification();
        notification.audience = message.audience();
        notification.org = message.org();
        notification.type = message.type();
        notification.payload = payload.toString();
        notification.deliveryId = delivery.id;
        notification.visitorId = message.visitorId();
        notification.createdAt = now;
        notification.subjectId = message.subjectId();
        notification.deliverUntil = message.deliverUntil();
        if (message.deliverUntil() != null && !now.isBefore(message.deliverUntil())) {
            delivery.finish(DeliveryStatus.FAILED, EXPIRED, now);
            return Panache.getSession().chain(session -> session.persist(delivery))
                    .chain(() -> failed(delivery, EXPIRED, now))
                    .replaceWith(delivery);
        }
        return Panache.getSession().chain(session -> presence.reachable(session, message.audience())
                .chain(reachable -> {
                    if (!reachable) {
                        delivery.finish(DeliveryStatus.FAILED, OFFLINE, now);
                    }
                    return session.persist(delivery)
                            .chain(() -> session.persist(notification))
                            .chain(session::flush)
                            .chain(() -> {
                                NotificationEvents.Fanout fanout = new NotificationEvents.Fanout(message.audience(),
                                        notification.id, delivery.id, message.type(), now, payload,
                                        message.deliverUntil());
                                if (reachable) {
                                    AfterCommit.register(() -> local.deliver(fanout));
                                }
                                return outbox.record(NotificationEvents.FANOUT, message.audience(), fanout);
                            })
                            .chain(() -> reachable ? Uni.createFrom().voidItem() : failed(delivery, OFFLINE, now));
                }))
                .replaceWith(delivery);
    }

    /**
     * The frames of {@code type} about {@code subjectId} stop being delivered now (the call was answered, the invite
     * declined): a socket that has not had them yet, live or by replay, never will.
     */
    public Uni<Void> close(String org, String type, String subjectId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLOSE)
                .setParameter("now", clock.instant())
                .setParameter("org", org)
                .setParameter("subject", subjectId)
                .setParameter("type", type)
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> failed(Delivery delivery, String reason, Instant now) {
        return outbox.record(NotificationEvents.FAILED, delivery.recipient, new NotificationEvents.Failed(delivery.id,
                delivery.recipient, delivery.kind, delivery.type, delivery.subjectId, DeliveryChannel.SOCKET.value(),
                reason, now)).replaceWithVoid();
    }

    /** A live-only frame (no delivery, no replay): presence of visitors, which a reconnecting dashboard re-reads. */
    public Uni<Void> live(String audience, String type, Object payload) {
        return outbox.record(NotificationEvents.FANOUT, audience, new NotificationEvents.Fanout(audience, null, null,
                type, clock.instant(), mapper.valueToTree(payload), null)).replaceWithVoid();
    }
}

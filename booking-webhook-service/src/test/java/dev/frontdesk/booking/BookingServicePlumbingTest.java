package dev.frontdesk.booking;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dev.frontdesk.booking.service.BookingEvents;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class BookingServicePlumbingTest extends EventPlumbingContract {

    @Inject
    Outbox outbox;

    @Override
    protected String schema() {
        return "bookings";
    }

    /**
     * The Cal.com webhook (its own issue) is the service's first API that writes; until then the write goes through
     * the service's outbox directly, in a transaction of the service's own persistence unit.
     */
    @Override
    protected Expected write() {
        String uid = "bk-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> outbox.record(BookingEvents.BOOKING_CREATED, uid, Map.of("uid", uid))));
        } catch (Throwable e) {
            throw new AssertionError("write failed", e);
        }
        return new Expected("frontdesk.bookings", "frontdesk.booking.created.v1", uid);
    }

    @Override
    protected String consumedTopic() {
        return "frontdesk.calls";
    }

    @Override
    protected String consumedType() {
        return "frontdesk.room.participant.joined.v1";
    }

    @Override
    protected String consumedPayload(String subject) {
        return """
                {"roomName": "%s", "participant": "member", "joinedAt": "2026-11-22T10:00:05Z"}""".formatted(subject);
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT count(*) FROM room_activity WHERE room_name = ?", subject);
    }
}

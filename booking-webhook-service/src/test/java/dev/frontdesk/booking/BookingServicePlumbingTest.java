package dev.frontdesk.booking;

import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class BookingServicePlumbingTest extends EventPlumbingContract {

    @Override
    protected String schema() {
        return "bookings";
    }

    /** A Cal.com webhook, signed, for a booking uid of its own. */
    @Override
    protected Expected write() {
        String uid = "pl" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        new Calcom().deliver(Calcom.fixture("booking-created.json").replace("qZ3kT8vN2pLm5xWc", uid))
                .statusCode(200).body("outcome", equalTo("applied"));
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
                {"roomName": "%s", "roomOwner": "service:booking-webhook-service", "participant": "member", "joinedAt": "2026-11-22T10:00:05Z"}""".formatted(subject);
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT count(*) FROM room_activity WHERE room_name = ?", subject);
    }
}

package dev.frontdesk.booking;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import dev.frontdesk.platform.testing.HostileInputContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** booking-webhook-service's API under hostile input; Cal.com deliveries signed with a real endpoint's secret. */
@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class BookingServiceHostileInputTest extends HostileInputContract {

    private Calcom calcom;

    /** The join page's routes (JoinPage), left out of the OpenAPI document. */
    @Override
    protected Set<String> pageRoutes() {
        return Set.of("/join", "/join/join.js", "/join/join.css");
    }

    @Override
    protected String schema() {
        return "bookings";
    }

    /** The room job assigns rooms to earlier, accepted deliveries on its own schedule. */
    @Override
    protected String countedRows(String table) {
        return switch (table) {
            case "outbox" -> "type <> 'frontdesk.booking.room.assigned.v1'";
            case "booking_history" -> "what <> 'room'";
            default -> null;
        };
    }

    @Override
    protected Map<String, String> pathValues() {
        return Map.of("endpointId", calcom().url.substring(calcom().url.lastIndexOf('/') + 1));
    }

    @Override
    protected String exampleBody(Operation operation) {
        if (operation.path().startsWith("/webhooks/calcom")) {
            return Calcom.createdWithoutCalVideo("hostile-uid");
        }
        return null;
    }

    @Override
    protected Map<String, String> headers(Operation operation, byte[] body) {
        Map<String, String> headers = super.headers(operation, body);
        if (operation.path().startsWith("/webhooks/calcom")) {
            // Signed as Cal.com signs, so the hostile body reaches the parsing behind the check.
            headers.put("X-Cal-Signature-256", Calcom.sign(calcom().secret, new String(body, StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private Calcom calcom() {
        if (calcom == null) {
            calcom = new Calcom();
        }
        return calcom;
    }
}

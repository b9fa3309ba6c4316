package dev.frontdesk.booking;

import java.util.HashMap;
import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;
import dev.frontdesk.platform.testing.StubServer;

/**
 * booking-webhook-service against the real PostgreSQL (schema "bookings") and Kafka of the test JVM, with
 * call-service replaced by {@link dev.frontdesk.platform.testing.CallServiceStub} and the room job's pauses shortened.
 */
public class BookingServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "bookings"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.call-service.url", StubServer.reservedBaseUrl("call-service"));
        config.put("frontdesk.bookings.room-retry-initial", "200ms");
        config.put("frontdesk.bookings.room-retry-max", "1s");
        config.put("frontdesk.bookings.room-job-every", "1s");
        for (String method : new String[] { "create", "delete" }) {
            String breaker = "dev.frontdesk.platform.rooms.CallServiceRooms/" + method + "/CircuitBreaker/";
            config.put(breaker + "delay", "1000");
            config.put(breaker + "delayUnit", "MILLIS");
        }
        return config;
    }
}

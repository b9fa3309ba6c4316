package dev.frontdesk.booking;

import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;

/** booking-webhook-service against the real PostgreSQL (schema "bookings") and Kafka of the test JVM. */
public class BookingServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "bookings"));
    }
}

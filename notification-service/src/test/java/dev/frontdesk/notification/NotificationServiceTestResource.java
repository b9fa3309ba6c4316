package dev.frontdesk.notification;

import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;

/** notification-service against the real PostgreSQL (schema "notifications") and Kafka of the test JVM. */
public class NotificationServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "notifications"));
    }
}

package dev.frontdesk.analytics;

import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;

/** analytics-service against the real PostgreSQL (schema "analytics") and Kafka of the test JVM. */
public class AnalyticsServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "analytics"));
    }
}

package dev.frontdesk.call;

import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;

/** call-service against the real PostgreSQL (schema "calls") and Kafka of the test JVM. */
public class CallServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "calls"));
    }
}

package dev.frontdesk.visitor;

import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;

/** visitor-service against the real PostgreSQL (schema "visitor") and Kafka of the test JVM. */
public class VisitorServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "visitor"));
    }
}

package dev.frontdesk.visitor;

import java.util.HashMap;
import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;
import dev.frontdesk.platform.testing.StubServer;

/**
 * visitor-service against the real PostgreSQL (schema "visitor") and Kafka of the test JVM, with call-service replaced
 * by {@link dev.frontdesk.platform.testing.CallServiceStub}; the circuit breaker's pause is shortened and the
 * retention job's own schedule moved out of the way (tests run it themselves).
 */
public class VisitorServiceTestResource extends FrontdeskTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "visitor"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.call-service.url", StubServer.reservedBaseUrl("call-service"));
        config.put("dev.frontdesk.platform.rooms.CallServiceRooms/create/CircuitBreaker/delay", "1000");
        config.put("dev.frontdesk.platform.rooms.CallServiceRooms/create/CircuitBreaker/delayUnit", "MILLIS");
        config.put("frontdesk.visitors.retention-every", "1h");
        return config;
    }
}

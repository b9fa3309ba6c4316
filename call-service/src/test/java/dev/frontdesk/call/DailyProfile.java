package dev.frontdesk.call;

import java.util.Map;

import dev.frontdesk.platform.testing.DailyStub;
import dev.frontdesk.platform.testing.StubServer;
import io.quarkus.test.junit.QuarkusTestProfile;

/** call-service with Daily as its video provider, pointed at {@link DailyStub}; short retry pauses. */
public class DailyProfile implements QuarkusTestProfile {

    static final String BREAKER = "dev.frontdesk.call.client.DailyClient/createRoom/CircuitBreaker/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "frontdesk.daily.api-key", DailyStub.API_KEY,
                "quarkus.rest-client.daily.url", StubServer.reservedBaseUrl("daily"),
                "frontdesk.daily.retry-initial-delay", "20ms",
                "frontdesk.daily.retry-max-delay", "200ms",
                BREAKER + "delay", "1500",
                BREAKER + "delayUnit", "MILLIS");
    }
}

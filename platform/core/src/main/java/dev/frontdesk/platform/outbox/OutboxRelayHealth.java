package dev.frontdesk.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the outbox relay: DOWN when its thread has died, so Kubernetes restarts a pod whose events would
 * otherwise never leave. A Kafka outage is not a failure here (the outbox exists to ride it out); it shows in the
 * data ({@code lastError}) and in the relay's failure metric.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox-relay").status(relay.isAlive());
        if (relay.lastCycle() != null) {
            response.withData("lastCycle", relay.lastCycle().toString());
        }
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.build();
    }
}

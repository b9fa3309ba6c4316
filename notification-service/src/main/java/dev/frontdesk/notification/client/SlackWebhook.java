package dev.frontdesk.notification.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Posts a message to a Slack incoming webhook. Slack answers in plain text: {@code ok} with 200, an error code
 * otherwise, 429 with {@code Retry-After} seconds. The URL is the credential: it never appears in logs or errors.
 */
@ApplicationScoped
public class SlackWebhook {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient client;

    public SlackWebhook(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("frontdesk-notification-service")
                .setFollowRedirects(false));
    }

    /** Slack's answer; {@code status} 0 when Slack could not be reached (timeout, connection refused). */
    public record Answer(int status, String body, Duration retryAfter) {
    }

    public Uni<Answer> post(String webhookUrl, String messageJson) {
        return client.postAbs(webhookUrl).timeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(new JsonObject(messageJson).encode()))
                .map(response -> new Answer(response.statusCode(), response.bodyAsString(),
                        HttpAnswers.retryAfter(response.getHeader("Retry-After"))))
                .onFailure().recoverWithItem(failure -> new Answer(0, "unreachable: " + failure.getClass().getSimpleName(), null));
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }
}

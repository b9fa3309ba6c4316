package dev.frontdesk.notification.client;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.frontdesk.notification.slack.WebhookDestinations;
import dev.frontdesk.platform.problem.InvalidRequestException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Posts a message to a Slack incoming webhook. Slack answers in plain text: {@code ok} with 200, an error code
 * otherwise, 429 with {@code Retry-After} seconds. The URL is the credential: it never appears in logs or errors.
 * <p>
 * Before every post the URL is checked again by {@link WebhookDestinations} (allowed host, public addresses only)
 * and the connection goes to the address that passed, so a DNS answer that changes in between cannot point the post
 * at an internal service. Redirects are not followed.
 */
@ApplicationScoped
public class SlackWebhook {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** {@link Answer#body()} of a post that was not sent because its destination is not allowed. */
    public static final String NOT_ALLOWED = "not allowed";
    /** {@link Answer#body()} of a post that reached nobody (DNS, connection, timeout). */
    public static final String UNREACHABLE = "unreachable";

    private final WebClient client;
    private final Vertx vertx;
    private final WebhookDestinations destinations;

    public SlackWebhook(Vertx vertx, WebhookDestinations destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("frontdesk-notification-service")
                .setFollowRedirects(false));
    }

    /**
     * Slack's answer; {@code status} 0 when nothing was answered, with {@link #NOT_ALLOWED} or {@link #UNREACHABLE}
     * as the body.
     */
    public record Answer(int status, String body, Duration retryAfter) {
    }

    public Uni<Answer> post(String webhookUrl, String messageJson) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            URI uri = destinations.checkForm(webhookUrl);
            try {
                return new Target(uri, destinations.resolve(uri));
            } catch (UnknownHostException e) {
                throw new UncheckedIOException(e);
            }
        })).chain(target -> client.request(HttpMethod.POST, new RequestOptions()
                        .setAbsoluteURI(webhookUrl)
                        .setServer(SocketAddress.inetSocketAddress(target.address().getPort(),
                                target.address().getAddress().getHostAddress())))
                .timeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(new JsonObject(messageJson).encode()))
                .map(response -> new Answer(response.statusCode(), response.bodyAsString(),
                        HttpAnswers.retryAfter(response.getHeader("Retry-After")))))
                .onFailure().recoverWithItem(failure -> new Answer(0,
                        failure instanceof WebhookDestinations.NotAllowedException
                                || failure instanceof InvalidRequestException
                                        ? NOT_ALLOWED
                                        : UNREACHABLE,
                        null));
    }

    private record Target(URI uri, InetSocketAddress address) {
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }
}

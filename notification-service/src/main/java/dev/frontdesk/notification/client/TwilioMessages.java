package dev.frontdesk.notification.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.frontdesk.notification.config.NotificationsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Twilio Programmable Messaging: {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded,
 * HTTP Basic with the account SID and auth token. The base URL is configurable so tests point it at a local stub.
 */
@ApplicationScoped
public class TwilioMessages {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebClient client;
    private final NotificationsConfig.Twilio config;
    private final String baseUrl;

    public TwilioMessages(Vertx vertx, NotificationsConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("frontdesk-notification-service"));
        this.config = config.twilio();
        this.baseUrl = config.twilio().baseUrl().replaceAll("/+$", "");
    }

    /**
     * Twilio's answer: the message SID and its first status ({@code queued}, or {@code accepted} through a Messaging
     * Service) on 201; otherwise the HTTP status (0 if unreachable), Twilio's error code and message.
     */
    public record Answer(int status, String sid, String messageStatus, Integer errorCode, String errorMessage,
            Duration retryAfter) {
        public boolean accepted() {
            return status == 201 || status == 200;
        }
    }

    public boolean configured() {
        return config.configured();
    }

    public Uni<Answer> send(String to, String body) {
        String sid = config.accountSid().orElseThrow();
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        form.add("To", to);
        config.from().ifPresent(from -> form.add("From", from));
        config.messagingServiceSid().ifPresent(service -> form.add("MessagingServiceSid", service));
        form.add("Body", body);
        config.statusCallbackUrl().ifPresent(url -> form.add("StatusCallback", url));
        return client.postAbs(baseUrl + "/2010-04-01/Accounts/" + sid + "/Messages.json")
                .timeout(TIMEOUT.toMillis())
                .basicAuthentication(sid, config.authToken().orElseThrow())
                .sendForm(form)
                .map(response -> {
                    JsonObject json = parse(response.bodyAsString());
                    if (response.statusCode() == 201 || response.statusCode() == 200) {
                        return new Answer(response.statusCode(), json.getString("sid"), json.getString("status"), null,
                                null, null);
                    }
                    Object code = json.getValue("code");
                    return new Answer(response.statusCode(), null, null, code instanceof Number n ? n.intValue() : null,
                            json.getString("message", "HTTP " + response.statusCode()),
                            HttpAnswers.retryAfter(response.getHeader("Retry-After")));
                })
                .onFailure().recoverWithItem(failure -> new Answer(0, null, null, null,
                        "unreachable: " + failure.getClass().getSimpleName(), null));
    }

    private static JsonObject parse(String body) {
        try {
            return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }
}

package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import dev.frontdesk.platform.testing.DevTokens;

/**
 * Each replica reads the fan-out topic from "now" in a group of its own; right after start-up its consumer may not
 * have its partitions yet. Tests wait until a test notification comes through once.
 */
final class SocketWarmUp {

    private static volatile boolean ready;

    private SocketWarmUp() {
    }

    static void awaitFanOut(URI base) {
        if (ready) {
            return;
        }
        String org = "warm-up";
        String user = "warm-up-" + UUID.randomUUID();
        String token = DevTokens.mint(org, user, "client");
        try (Sockets socket = Sockets.user(base, token, null)) {
            UserSocketTest.awaitOnline(org, user, 1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                given().auth().oauth2(token).when().post("/api/notifications/test").then().statusCode(202);
                return socket.frames.stream().anyMatch(f -> "test".equals(f.path("type").asText()));
            });
        }
        ready = true;
    }
}

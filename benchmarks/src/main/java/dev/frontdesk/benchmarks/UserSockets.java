package dev.frontdesk.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.frontdesk.platform.testing.DevTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Many users' sockets on one notification-service, opened straight to its port (a gateway would hold as many
 * connections of its own): each user of {@code org} has a token of their own, 200 upgrades in flight at a time.
 */
final class UserSockets implements AutoCloseable {

    record Opened(int open, int failed, double seconds) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(100_000).setConnectTimeout(30_000));
    private final List<WebSocket> open = new ArrayList<>();

    Opened open(int port, String org, int users) throws InterruptedException {
        List<String> tokens = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            tokens.add(DevTokens.mint(org, "bench-user-" + i, "staff", Duration.ofHours(1), "Bench user " + i));
        }
        Semaphore inFlight = new Semaphore(200);
        CountDownLatch done = new CountDownLatch(users);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (String token : tokens) {
            inFlight.acquire();
            client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
                    .setURI("/ws/notifications").addHeader("Authorization", "Bearer " + token))
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            synchronized (open) {
                                open.add(result.result());
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sockets still opening after 5 minutes");
        }
        synchronized (open) {
            return new Opened(open.size(), failed.get(), (System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}

package dev.frontdesk.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keep-alive: the server pings; a peer that answers pings stays, one that has gone silent (a dead connection that was
 * never closed) is closed and forgotten. The silent peer is a raw TCP client that does the upgrade by hand and then
 * never answers a ping.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class KeepAliveTest {

    @TestHTTPResource
    URI base;

    private final TestDatabase database = TestDatabase.forSchema("notifications");

    @Test
    void aSilentPeerIsPingedThenClosedAndForgottenWhileALiveOneStays() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String silent = "silent-" + UUID.randomUUID();
        String alive = "alive-" + UUID.randomUUID();
        try (Sockets live = Sockets.user(base, DevTokens.mint(org, alive, "client"), null);
                Socket raw = new Socket(base.getHost(), base.getPort())) {
            raw.setSoTimeout(15_000);
            OutputStream out = raw.getOutputStream();
            out.write(("GET /ws/notifications HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer "
                    + DevTokens.mint(org, silent, "client") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            UserSocketTest.awaitOnline(org, silent, 1);

            // Read frames without ever answering: pings (opcode 9) come, then the server's close (opcode 8).
            boolean pinged = false;
            boolean closed = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!closed && System.nanoTime() < deadline) {
                int first = in.read();
                if (first < 0) {
                    closed = true;
                    break;
                }
                int length = in.read() & 0x7f;
                in.readNBytes(length);
                int opcode = first & 0x0f;
                pinged |= opcode == 0x9;
                closed |= opcode == 0x8;
            }
            assertTrue(pinged, "the server pings");
            assertTrue(closed, "the silent peer was closed");
            UserSocketTest.awaitOnline(org, silent, 0);
            assertEquals(1, database.count("SELECT count(*) FROM socket WHERE org = ? AND subject = ?", org, alive),
                    "a peer answering pings stays");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !live.isClosed());
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}

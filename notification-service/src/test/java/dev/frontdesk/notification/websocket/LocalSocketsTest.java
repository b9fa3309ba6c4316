package dev.frontdesk.notification.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** A socket's frames keep their order, a reconnecting socket's replay included. */
class LocalSocketsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final LocalSockets sockets = new LocalSockets(JSON, new SimpleMeterRegistry());

    /** A connection that records the frame ids written to it. */
    private static WebSocketConnection connection(List<String> written) {
        String id = UUID.randomUUID().toString();
        return (WebSocketConnection) Proxy.newProxyInstance(LocalSocketsTest.class.getClassLoader(),
                new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "isOpen" -> true;
                    case "sendText" -> {
                        written.add(JSON.readTree((String) args[0]).path("id").asText());
                        yield Uni.createFrom().voidItem();
                    }
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Frame frame(String id) {
        return new Frame("call-updated", id, Instant.now(), JSON.createObjectNode().put("callId", "c-1"));
    }

    @Test
    void liveFramesThatArriveDuringAReplayFollowItInOrderAndOnce() {
        List<String> written = new CopyOnWriteArrayList<>();
        WebSocketConnection connection = connection(written);
        sockets.add(connection, List.of("user:o:u"), true);

        // While the replay query runs, two frames arrive live: 11 (also in the replay) and 12.
        assertEquals(1, sockets.send("user:o:u", frame("11")).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, sockets.send("user:o:u", frame("12")).await().atMost(Duration.ofSeconds(5)));
        assertEquals(List.of(), written, "held until the replay is written");

        List<Frame> replayed = sockets.sendTo(connection, List.of(frame("10"), frame("11")))
                .await().atMost(Duration.ofSeconds(5));
        sockets.release(connection);
        sockets.send("user:o:u", frame("13")).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("10", "11"), replayed.stream().map(Frame::id).toList());
        assertEquals(List.of("10", "11", "12", "13"), written);
    }

    @Test
    void aSocketWithoutReplayGetsLiveFramesAtOnce() {
        List<String> written = new CopyOnWriteArrayList<>();
        WebSocketConnection connection = connection(written);
        sockets.add(connection, List.of("user:o:v"));
        sockets.send("user:o:v", frame("20")).await().atMost(Duration.ofSeconds(5));
        sockets.send("user:o:v", frame("20")).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of("20"), written);
    }
}

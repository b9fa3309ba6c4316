package dev.frontdesk.notification.websocket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The sockets open on this replica, by audience. Small per socket (a connection, its audiences, when it was last
 * heard, the ids of its last frames), so one replica holds tens of thousands. Liveness is real time (not the
 * injectable business clock).
 */
@ApplicationScoped
public class LocalSockets {

    private static final Logger LOG = Logger.getLogger(LocalSockets.class);
    /** Frames remembered per socket so a frame replayed and also received live is written once. */
    private static final int REMEMBERED = 64;

    private final Map<String, Set<Socket>> byAudience = new ConcurrentHashMap<>();
    private final Map<String, Socket> byId = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    public LocalSockets(ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        registry.gaugeMapSize("frontdesk.notifications.sockets.open", List.of(), byId);
    }

    static final class Socket {
        final WebSocketConnection connection;
        final List<String> audiences;
        volatile Instant heardAt;
        private final LinkedHashSet<String> recent = new LinkedHashSet<>();

        Socket(WebSocketConnection connection, List<String> audiences, Instant now) {
            this.connection = connection;
            this.audiences = audiences;
            this.heardAt = now;
        }

        /** False if this frame was already written to this socket. */
        synchronized boolean firstTime(String frameId) {
            if (!recent.add(frameId)) {
                return false;
            }
            if (recent.size() > REMEMBERED) {
                recent.remove(recent.iterator().next());
            }
            return true;
        }
    }

    public void add(WebSocketConnection connection, List<String> audiences) {
        Socket socket = new Socket(connection, List.copyOf(audiences), Instant.now());
        byId.put(connection.id(), socket);
        for (String audience : audiences) {
            byAudience.computeIfAbsent(audience, a -> ConcurrentHashMap.newKeySet()).add(socket);
        }
    }

    public void remove(WebSocketConnection connection) {
        Socket socket = byId.remove(connection.id());
        if (socket == null) {
            return;
        }
        for (String audience : socket.audiences) {
            byAudience.computeIfPresent(audience, (a, sockets) -> {
                sockets.remove(socket);
                return sockets.isEmpty() ? null : sockets;
            });
        }
    }

    /** The socket answered a ping or sent something: it is alive. */
    public void heard(WebSocketConnection connection) {
        Socket socket = byId.get(connection.id());
        if (socket != null) {
            socket.heardAt = Instant.now();
        }
    }

    /** Writes the frame to every socket of the audience on this replica; the count of sockets it reached. */
    public Uni<Integer> send(String audience, Frame frame) {
        Set<Socket> sockets = byAudience.get(audience);
        if (sockets == null || sockets.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String text = json(frame);
        List<Uni<Boolean>> writes = new ArrayList<>(sockets.size());
        for (Socket socket : sockets) {
            writes.add(write(socket, frame.id(), text));
        }
        return count(writes);
    }

    /** Writes frames to one socket, in order; the frames it reached. */
    public Uni<List<Frame>> sendTo(WebSocketConnection connection, List<Frame> frames) {
        Socket socket = byId.get(connection.id());
        Uni<List<Frame>> sent = Uni.createFrom().item(new ArrayList<>());
        if (socket == null) {
            return sent;
        }
        for (Frame frame : frames) {
            sent = sent.chain(list -> write(socket, frame.id(), json(frame)).map(ok -> {
                if (ok) {
                    list.add(frame);
                }
                return list;
            }));
        }
        return sent;
    }

    private Uni<Boolean> write(Socket socket, String frameId, String text) {
        if (!socket.connection.isOpen() || !socket.firstTime(frameId)) {
            return Uni.createFrom().item(false);
        }
        return socket.connection.sendText(text).replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Frame %s not written to socket %s: %s", frameId, socket.connection.id(), failure.getMessage());
                    return false;
                });
    }

    private static Uni<Integer> count(List<Uni<Boolean>> writes) {
        return Uni.join().all(writes).andFailFast()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private String json(Frame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame " + frame.type() + " is not serializable", e);
        }
    }

    /** Sockets that were not heard from (no pong, no message) since {@code deadline}. */
    public List<WebSocketConnection> silentSince(Instant deadline) {
        List<WebSocketConnection> silent = new ArrayList<>();
        for (Socket socket : byId.values()) {
            if (socket.heardAt.isBefore(deadline)) {
                silent.add(socket.connection);
            }
        }
        return silent;
    }
}

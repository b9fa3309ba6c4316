package dev.frontdesk.notification.websocket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * <p>
 * Order: a socket's frames are written one after the other in the order they were queued. While a reconnecting
 * socket's replay runs, live frames wait and follow it ({@link #add(WebSocketConnection, List, boolean)},
 * {@link #release}), so a client never gets a later frame (a call's {@code call-updated}) before an earlier one
 * (its {@code incoming-call}).
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
        /** The last queued write; the next one starts when it is done. */
        private CompletableFuture<Boolean> tail = CompletableFuture.completedFuture(true);
        /** Live frames waiting for the replay to finish; null when none is running. */
        private List<String[]> held;

        Socket(WebSocketConnection connection, List<String> audiences, Instant now, boolean replaying) {
            this.connection = connection;
            this.audiences = audiences;
            this.heardAt = now;
            this.held = replaying ? new ArrayList<>() : null;
        }

        /** Queues a write after every write queued before it; its outcome (written or not). */
        synchronized CompletableFuture<Boolean> queue(Supplier<Uni<Boolean>> write) {
            CompletableFuture<Boolean> next = tail.handle((ignored, failure) -> true)
                    .thenCompose(ignored -> write.get().subscribeAsCompletionStage());
            tail = next;
            return next;
        }

        /** Holds a live frame while the replay runs; false if none is running. */
        synchronized boolean hold(String frameId, String text) {
            if (held == null) {
                return false;
            }
            held.add(new String[] { frameId, text });
            return true;
        }

        /** Ends the replay: the frames held meanwhile are queued, in their order. */
        synchronized List<String[]> release() {
            List<String[]> frames = held == null ? List.of() : held;
            held = null;
            return frames;
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
        add(connection, audiences, false);
    }

    /**
     * Registers a socket; with {@code replaying}, live frames for it wait until {@link #release} (call it when the
     * replay's frames were handed to {@link #sendTo}, whatever happened).
     */
    public void add(WebSocketConnection connection, List<String> audiences, boolean replaying) {
        Socket socket = new Socket(connection, List.copyOf(audiences), Instant.now(), replaying);
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

    /** Whether this replica holds a socket of the audience. */
    public boolean holds(String audience) {
        Set<Socket> sockets = byAudience.get(audience);
        return sockets != null && !sockets.isEmpty();
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
            // A frame held for a replaying socket counts as reaching it: it is written right after the replay.
            writes.add(socket.hold(frame.id(), text) ? Uni.createFrom().item(true) : write(socket, frame.id(), text));
        }
        return count(writes);
    }

    /** The replay of this socket is over: the live frames held meanwhile follow it, in order. */
    public void release(WebSocketConnection connection) {
        Socket socket = byId.get(connection.id());
        if (socket == null) {
            return;
        }
        synchronized (socket) {
            for (String[] frame : socket.release()) {
                write(socket, frame[0], frame[1]);
            }
        }
    }

    /** Writes frames to one socket, in order (queued at once, before anything queued later); the frames it reached. */
    public Uni<List<Frame>> sendTo(WebSocketConnection connection, List<Frame> frames) {
        Socket socket = byId.get(connection.id());
        if (socket == null || frames.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Boolean>> writes = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            writes.add(write(socket, frame.id(), json(frame)));
        }
        return Uni.join().all(writes).andFailFast().map(results -> {
            List<Frame> reached = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                if (results.get(i)) {
                    reached.add(frames.get(i));
                }
            }
            return reached;
        });
    }

    /** Queues the frame on the socket (at once, whether or not the result is subscribed to). */
    private Uni<Boolean> write(Socket socket, String frameId, String text) {
        CompletableFuture<Boolean> written = socket.queue(() -> {
            if (!socket.connection.isOpen() || !socket.firstTime(frameId)) {
                return Uni.createFrom().item(false);
            }
            return socket.connection.sendText(text).replaceWith(true)
                    .onFailure().recoverWithItem(failure -> {
                        LOG.debugf("Frame %s not written to socket %s: %s", frameId, socket.connection.id(),
                                failure.getMessage());
                        return false;
                    });
        });
        return Uni.createFrom().completionStage(written);
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

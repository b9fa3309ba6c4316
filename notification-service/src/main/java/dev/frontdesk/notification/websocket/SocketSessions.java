package dev.frontdesk.notification.websocket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.service.DeliveryLog;
import dev.frontdesk.notification.service.Presence;
import dev.frontdesk.notification.service.Replay;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Opening and closing a socket of either endpoint: local registry, presence, and the replay of what was missed. */
@ApplicationScoped
public class SocketSessions {

    private static final Logger LOG = Logger.getLogger(SocketSessions.class);

    private final LocalSockets sockets;
    private final Presence presence;
    private final Replay replay;
    private final DeliveryLog deliveries;
    private final NotificationsConfig config;

    public SocketSessions(LocalSockets sockets, Presence presence, Replay replay, DeliveryLog deliveries,
            NotificationsConfig config) {
        this.sockets = sockets;
        this.presence = presence;
        this.replay = replay;
        this.deliveries = deliveries;
        this.config = config;
    }

    /**
     * Registers the socket, records presence, then replays what the client missed after {@code since} (its last
     * frame id, from {@code ?since=}); live frames that arrive meanwhile follow the replay. A frame that arrives both
     * live and replayed is written once.
     */
    public Uni<Void> open(WebSocketConnection connection, String org, String kind, String subject,
            List<String> audiences) {
        Long since = since(connection);
        // Live frames flow from now on; a replaying socket gets them right after its replay, in order.
        sockets.add(connection, audiences, since != null);
        Uni<Void> opened = presence.opened(connection.id(), org, kind, subject, audiences);
        if (since == null) {
            return opened;
        }
        return opened.chain(() -> replay.since(audiences, since))
                .chain(missed -> {
                    Map<String, UUID> deliveryOf = missed.stream().filter(m -> m.deliveryId() != null)
                            .collect(Collectors.toMap(m -> Long.toString(m.id()), Replay.Missed::deliveryId));
                    List<Frame> frames = missed.stream()
                            .map(m -> new Frame(m.type(), Long.toString(m.id()), m.at().toInstant(), m.payload()))
                            .toList();
                    Uni<List<Frame>> sent = sockets.sendTo(connection, frames);
                    sockets.release(connection);
                    return sent.map(reached -> reached.stream().map(Frame::id).map(deliveryOf::get)
                            .filter(java.util.Objects::nonNull).distinct().toList());
                })
                .onTermination().invoke(() -> sockets.release(connection))
                .chain(deliveries::delivered);
    }

    /**
     * Closes and forgets sockets that answered no ping for {@code socket-idle-timeout}: a peer that vanished without
     * closing. Presence goes at once; the connection's own close callback, when it comes, finds nothing left to do.
     */
    @Scheduled(every = "${frontdesk.notifications.idle-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeSilent() {
        List<WebSocketConnection> silent = sockets.silentSince(Instant.now().minus(config.socketIdleTimeout()));
        return Multi.createFrom().iterable(silent)
                .onItem().transformToUniAndConcatenate(connection -> {
                    LOG.debugf("Closing silent socket %s", connection.id());
                    connection.close(new CloseReason(1001, "no answer to pings")).subscribe().with(ok -> {
                    }, failure -> {
                    });
                    return close(connection);
                })
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> close(WebSocketConnection connection) {
        sockets.remove(connection);
        return presence.closed(connection.id())
                .onFailure().invoke(failure -> LOG.debugf("Presence of socket %s not removed (its replica lease will "
                        + "clean it up): %s", connection.id(), failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static Long since(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("since=")) {
                try {
                    return Long.parseLong(pair.substring("since=".length()));
                } catch (NumberFormatException e) {
                    return null; // a live-only id or garbage: nothing to replay from
                }
            }
        }
        return null;
    }
}

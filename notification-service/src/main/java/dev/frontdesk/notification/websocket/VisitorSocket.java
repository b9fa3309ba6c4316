package dev.frontdesk.notification.websocket;

import java.util.List;

import dev.frontdesk.notification.service.Audiences;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The widget's socket: {@code video-invite} and {@code invite-updated} (expired, cancelled) for one visitor on one
 * site. {@code /ws/visitor?key=<site publishable key>&visitorId=v_<uuid>[&since=<last frame id>]}; the upgrade is
 * checked by {@link VisitorUpgradeCheck} like the widget's REST calls (site active, Origin allowed).
 */
@WebSocket(path = "/ws/visitor")
public class VisitorSocket {

    private final SocketSessions sessions;
    private final LocalSockets sockets;

    public VisitorSocket(SocketSessions sessions, LocalSockets sockets) {
        this.sessions = sessions;
        this.sockets = sockets;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        VisitorUpgradeCheck.Widget widget = connection.userData().get(VisitorUpgradeCheck.WIDGET);
        return sessions.open(connection, widget.org(), "visitor", widget.visitorId(),
                List.of(Audiences.visitor(widget.siteId(), widget.visitorId())));
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String ignored) {
        sockets.heard(connection);
    }

    @OnPongMessage
    public void pong(WebSocketConnection connection, Buffer ignored) {
        sockets.heard(connection);
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        return sessions.close(connection);
    }
}

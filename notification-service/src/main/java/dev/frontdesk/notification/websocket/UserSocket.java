package dev.frontdesk.notification.websocket;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.frontdesk.notification.service.Audiences;
import dev.frontdesk.platform.security.Roles;
import dev.frontdesk.platform.security.TokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Staff's and clients' notifications: {@code incoming-call}, {@code call-updated}, {@code invite-updated},
 * {@code visitor-activity}, {@code booking-updated}. Authenticated with the JWT on the upgrade request: browsers,
 * which cannot set headers on a WebSocket, send it as a subprotocol,
 * {@code new WebSocket(url, ["bearer-token-carrier", encodeURI("quarkus-http-upgrade#Authorization#Bearer " + token)])}.
 * A reconnecting client adds {@code ?since=<last frame id>} to get what it missed.
 */
@WebSocket(path = "/ws/notifications")
@RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT })
public class UserSocket {

    private final SocketSessions sessions;
    private final LocalSockets sockets;
    private final SecurityIdentity identity;
    private final TokenClaims claims;

    public UserSocket(SocketSessions sessions, LocalSockets sockets, SecurityIdentity identity, TokenClaims claims) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.identity = identity;
        this.claims = claims;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        String org = claims.org(token);
        if (org == null || token.getSubject() == null) {
            return connection.close(new CloseReason(1008, "The token has no org or sub."));
        }
        List<String> audiences = new ArrayList<>();
        audiences.add(Audiences.user(org, token.getSubject()));
        if (identity.hasRole(Roles.STAFF) || identity.hasRole(Roles.ADMIN)) {
            audiences.add(Audiences.staff(org));
        }
        return sessions.open(connection, org, "user", token.getSubject(), audiences);
    }

    /** Clients may send anything (e.g. an application-level ping); it only counts as a sign of life. */
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

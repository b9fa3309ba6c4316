package dev.frontdesk.platform.dependencies;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a dependency that is down or not answering (PostgreSQL unreachable, a connection closed under a query, the
 * pool's wait for a connection timed out) from a fault of ours: the first is a {@code 503} the client may retry, the
 * second a {@code 500}.
 */
public final class DependencyFailures {

    private DependencyFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says a dependency is unavailable. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException
                    || t instanceof ClosedConnectionException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's SQLSTATEs of an unavailable server: class 08 (connection exception), 53300 (too many
     * connections), 57P01–57P03 (shutting down, cannot connect now).
     */
    static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("53300")
                || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }
}

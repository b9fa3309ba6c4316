package dev.frontdesk.platform.dependencies;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a dependency that is down or not answering (PostgreSQL unreachable, a connection refused, reset or closed
 * under a query — any I/O failure, the pool's wait for a connection timed out) from a fault of ours: the first is a
 * {@code 503} the client may retry, the second a {@code 500}. A request's own I/O (its body) fails before any
 * resource runs, so an {@link IOException} here is a dependency's.
 */
public final class DependencyFailures {

    private static final Pattern CLOSED = Pattern.compile("(?i)connection (was )?(closed|reset)");

    private DependencyFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says a dependency is unavailable. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof ClosedConnectionException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return true;
            }
            if (t instanceof VertxException && t.getMessage() != null && CLOSED.matcher(t.getMessage()).find()) {
                return true; // Vert.x's own "Connection was closed": the server went away under a query
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

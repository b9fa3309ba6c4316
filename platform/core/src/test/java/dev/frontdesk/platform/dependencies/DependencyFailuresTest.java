package dev.frontdesk.platform.dependencies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DependencyFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("refused, wrapped twice", new CompletionException(new IllegalStateException(
                        new ConnectException("Connection refused"))), true),
                Arguments.of("connection closed under a query", ClosedConnectionException.INSTANCE, true),
                Arguments.of("Vert.x: connection was closed", new VertxException("Connection was closed", true), true),
                Arguments.of("connection reset by peer", new IOException("recvAddress(..) failed: Connection reset by peer"),
                        true),
                Arguments.of("a Vert.x failure of ours", new VertxException("Unsupported type"), false),
                Arguments.of("pool wait timed out", new TimeoutException("Timeout while waiting for connection"), true),
                Arguments.of("Mutiny timeout", new io.smallrye.mutiny.TimeoutException(), true),
                Arguments.of("server shutting down", new PgException("terminating", "FATAL", "57P01", null), true),
                Arguments.of("cannot connect now", new PgException("starting up", "FATAL", "57P03", null), true),
                Arguments.of("connection failure", new PgException("lost", "FATAL", "08006", null), true),
                Arguments.of("too many connections", new PgException("too many", "FATAL", "53300", null), true),
                Arguments.of("a unique violation is ours", new PgException("duplicate", "ERROR", "23505", null), false),
                Arguments.of("a syntax error is ours", new PgException("syntax", "ERROR", "42601", null), false),
                Arguments.of("a bug is ours", new NullPointerException(), false),
                Arguments.of("a bug wrapped is ours", new CompletionException(new IllegalStateException("x")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aDependencyThatIsDownIsTold(String name, Throwable failure, boolean unavailable) {
        assertEquals(unavailable, DependencyFailures.isUnavailable(failure));
    }
}

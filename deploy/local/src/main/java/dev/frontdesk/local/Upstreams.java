package dev.frontdesk.local;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.vertx.core.Future;

/**
 * The replicas of one service behind the gateway. Requests take turns (round robin); a replica that refused a
 * connection (its process is gone) is tried last for the next {@link #REFUSED_FOR_MILLIS} ms, and a request whose
 * connection was refused goes to the next replica at once: it never reached a service, so sending it elsewhere is
 * safe whatever its method. A replica that accepted the connection but then failed or timed out is not retried.
 */
final class Upstreams {

    static final long REFUSED_FOR_MILLIS = 2_000;

    private final List<Integer> ports;
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<Integer, Long> refusedUntil = new ConcurrentHashMap<>();

    Upstreams(List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one port");
        }
        this.ports = List.copyOf(ports);
    }

    List<Integer> ports() {
        return ports;
    }

    /** The ports to try for one request, in order. */
    List<Integer> order() {
        int start = Math.floorMod(turn.getAndIncrement(), ports.size());
        List<Integer> order = new ArrayList<>(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            order.add(ports.get((start + i) % ports.size()));
        }
        long now = System.currentTimeMillis();
        order.sort(Comparator.comparing(port -> refusedUntil.getOrDefault(port, 0L) > now));
        return order;
    }

    /** Connects with {@code connect}, on the next port whenever one refuses the connection. */
    <T> Future<T> connect(Function<Integer, Future<T>> connect) {
        return attempt(order(), 0, connect);
    }

    private <T> Future<T> attempt(List<Integer> order, int index, Function<Integer, Future<T>> connect) {
        int port = order.get(index);
        return connect.apply(port).recover(failure -> {
            if (!(failure instanceof ConnectException)) {
                return Future.failedFuture(failure);
            }
            refusedUntil.put(port, System.currentTimeMillis() + REFUSED_FOR_MILLIS);
            return index + 1 < order.size() ? attempt(order, index + 1, connect) : Future.failedFuture(failure);
        });
    }
}

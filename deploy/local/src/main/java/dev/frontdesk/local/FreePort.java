package dev.frontdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports nobody listens on right now, for a stack of its own next to others (e.g. the developer's). */
final class FreePort {

    private FreePort() {
    }

    static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of {@code count} consecutive free ports whose neighbours {@code offset} above are free too (the
     * services' HTTP ports and their management ports), below the usual ephemeral range.
     */
    static int block(int count, int offset) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = isFree(first + i) && isFree(first + i + offset);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("No block of " + count + " free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}

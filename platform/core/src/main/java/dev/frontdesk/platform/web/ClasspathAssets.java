package dev.frontdesk.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files of the pages and scripts a service serves itself (the widget, the join page), read once from the
 * class path. A missing one is a broken build: it fails the service's start, not a visitor's request.
 */
public final class ClasspathAssets {

    private ClasspathAssets() {
    }

    /** The bytes of {@code resource} (a class-path name such as {@code widget/frontdesk.js}, no leading slash). */
    public static byte[] bytes(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #bytes(String)} as UTF-8 text. */
    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }
}

package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies in their vendors' real shapes ({@code ../shared/fixtures}, copied under a service's
 * {@code src/test/resources/fixtures}), read byte for byte: signatures are computed over exactly these bytes.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** E.g. {@code Fixtures.text("calcom/booking-created.json")}. */
    public static String text(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

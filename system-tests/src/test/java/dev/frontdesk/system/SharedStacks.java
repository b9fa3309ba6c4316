package dev.frontdesk.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.frontdesk.platform.testing.DailyStub;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.TwilioStub;

/**
 * The stacks several test classes share, handed to their {@code @BeforeAll} methods as parameters: a stack takes half
 * a minute of the suite to start, so the API flows and the browser tests of the same services use one. One shared
 * stack is up at a time (asking for another stops the one before); the classes sharing one run next to each other
 * ({@code @Order}), and the last one stops when the test run ends.
 */
final class SharedStacks implements ParameterResolver {

    /** visitor-service, call-service (rooms at a Daily stub, Daily's signed webhooks), two notification-service
     * replicas, analytics-service and booking-webhook-service (the demo's Cal.com endpoint). */
    record VisitorFlow(SystemStack stack, DailyStub daily, String dailySecret) implements AutoCloseable {

        static VisitorFlow start(Path directory) throws Exception {
            DailyStub daily = new DailyStub(0);
            String secret = Base64.getEncoder()
                    .encodeToString("frontdesk-system-test-daily-secret".getBytes(StandardCharsets.UTF_8));
            try {
                return new VisitorFlow(new SystemStack(directory, Map.of("visitor-service", 1, "call-service", 1,
                        "notification-service", 2, "analytics-service", 1, "booking-webhook-service", 1),
                        Map.of("FRONTDESK_DAILY_API_KEY", DailyStub.API_KEY,
                                "QUARKUS_REST_CLIENT_DAILY_URL", daily.server.baseUrl(),
                                "FRONTDESK_DAILY_WEBHOOK_SECRET", secret)), daily, secret);
            } catch (Exception e) {
                daily.server.close();
                throw e;
            }
        }

        @Override
        public void close() {
            stack.close();
            daily.server.close();
        }
    }

    /** booking-webhook-service, call-service and notification-service with SMS at a Twilio stub. */
    record BookingFlow(SystemStack stack, StubServer twilio) implements AutoCloseable {

        static BookingFlow start(Path directory) throws Exception {
            StubServer twilio = TwilioStub.accepting(new StubServer());
            Map<String, String> settings = new HashMap<>();
            settings.put("FRONTDESK_NOTIFICATIONS_TWILIO_BASE_URL", twilio.baseUrl());
            settings.put("FRONTDESK_NOTIFICATIONS_TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
            settings.put("FRONTDESK_NOTIFICATIONS_TWILIO_AUTH_TOKEN", "system-test-twilio-token");
            settings.put("FRONTDESK_NOTIFICATIONS_TWILIO_FROM", "+15005550006");
            settings.put("FRONTDESK_NOTIFICATIONS_TWILIO_STATUS_CALLBACK_URL",
                    "https://notify.frontdesk.test/webhooks/twilio/status");
            try {
                return new BookingFlow(new SystemStack(directory, Map.of("booking-webhook-service", 1,
                        "call-service", 1, "notification-service", 1), settings), twilio);
            } catch (Exception e) {
                twilio.close();
                throw e;
            }
        }

        @Override
        public void close() {
            stack.close();
            twilio.close();
        }
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStacks.class);

    /** The shared stack that is up, and its directory; guarded by the class. */
    private static AutoCloseable current;
    private static Path directory;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == VisitorFlow.class || type == BookingFlow.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Stops whatever shared stack is up when the whole run ends.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("stopper", key -> (AutoCloseable) SharedStacks::stop);
        return shared(parameter.getParameter().getType());
    }

    private static synchronized Object shared(Class<?> type) {
        if (type.isInstance(current)) {
            return current;
        }
        stop();
        try {
            directory = Files.createTempDirectory("frontdesk-system-");
            current = type == VisitorFlow.class ? VisitorFlow.start(directory) : BookingFlow.start(directory);
            return current;
        } catch (Exception e) {
            throw new IllegalStateException("the shared " + type.getSimpleName() + " stack did not start", e);
        }
    }

    private static synchronized void stop() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            current = null;
            delete(directory);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not a test failure
        }
    }
}

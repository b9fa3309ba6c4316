package dev.frontdesk.platform.events;

/** The Kafka topics of ARCHITECTURE.md. Each has a {@code <topic>.dlq} twin for records a consumer could not process. */
public final class Topics {

    public static final String SITES = "frontdesk.sites";
    public static final String VISITORS = "frontdesk.visitors";
    public static final String CALLS = "frontdesk.calls";
    public static final String BOOKINGS = "frontdesk.bookings";
    public static final String NOTIFICATIONS = "frontdesk.notifications";

    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}

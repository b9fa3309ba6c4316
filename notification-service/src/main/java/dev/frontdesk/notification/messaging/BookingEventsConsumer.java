package dev.frontdesk.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationRouter;
import dev.frontdesk.notification.sms.Reminders;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** Bookings: staff dashboards, SMS reminders (scheduled, moved, cancelled) and Slack. */
@ApplicationScoped
public class BookingEventsConsumer {

    private final Inbox inbox;
    private final NotificationRouter router;
    private final Reminders reminders;

    public BookingEventsConsumer(Inbox inbox, NotificationRouter router, Reminders reminders) {
        this.inbox = inbox;
        this.router = router;
        this.reminders = reminders;
    }

    @Incoming("bookings")
    public Uni<Void> onBookingsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("notification-service.bookings", record, NotificationEvents.BOOKING_CHANGED,
                NotificationEvents.BookingChanged.class, (event, booking) -> {
                    String name = event.type().replaceFirst("^frontdesk\\.", "").replaceFirst("\\.v[0-9]+$", "");
                    return reminders.bookingChanged(name, booking)
                            .chain(() -> router.bookingChanged(name, booking));
                });
    }
}

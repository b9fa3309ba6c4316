package dev.frontdesk.booking.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.booking.service.BookingEvents;
import dev.frontdesk.booking.service.BookingService;
import dev.frontdesk.booking.service.RoomActivityService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** Who joined booked rooms and when their meetings ended, as call-service reports them. */
@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomActivityService activity;
    private final BookingService bookings;

    public CallEventsConsumer(Inbox inbox, RoomActivityService activity, BookingService bookings) {
        this.inbox = inbox;
        this.activity = activity;
        this.bookings = bookings;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("booking-webhook-service.room-activity", record, BookingEvents.PARTICIPANT_JOINED,
                BookingEvents.ParticipantJoined.class,
                (event, joined) -> activity.joined(event.id(), joined).chain(() -> bookings.participantJoined(joined)))
                .chain(() -> inbox.consume("booking-webhook-service.room-ended", record, BookingEvents.ROOM_ENDED,
                        BookingEvents.RoomEnded.class, (event, ended) -> bookings.roomEnded(ended)));
    }
}

package dev.frontdesk.booking.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.booking.service.BookingEvents;
import dev.frontdesk.booking.service.BookingService;
import dev.frontdesk.booking.service.RoomActivityService;
import dev.frontdesk.platform.inbox.Inbox;
import dev.frontdesk.platform.rooms.CallServiceRooms;
import io.smallrye.mutiny.Uni;

/** Who joined booked rooms and when their meetings ended, as call-service reports them. */
@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomActivityService activity;
    private final BookingService bookings;
    private final CallServiceRooms rooms;

    public CallEventsConsumer(Inbox inbox, RoomActivityService activity, BookingService bookings, CallServiceRooms rooms) {
        this.inbox = inbox;
        this.activity = activity;
        this.bookings = bookings;
        this.rooms = rooms;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("booking-webhook-service.room-activity", record, BookingEvents.PARTICIPANT_JOINED,
                BookingEvents.ParticipantJoined.class,
                // Only rooms this service made: another owner's room of the same name changes no booking.
                (event, joined) -> !rooms.isOurs(joined.roomOwner()) ? Uni.createFrom().voidItem()
                        : activity.joined(event.id(), joined).chain(() -> bookings.participantJoined(joined)))
                .chain(() -> inbox.consume("booking-webhook-service.room-ended", record, BookingEvents.ROOM_ENDED,
                        BookingEvents.RoomEnded.class, (event, ended) -> !rooms.isOurs(ended.roomOwner())
                                ? Uni.createFrom().voidItem() : bookings.roomEnded(ended)));
    }
}

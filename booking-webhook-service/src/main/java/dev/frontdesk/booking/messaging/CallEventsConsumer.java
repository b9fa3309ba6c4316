package dev.frontdesk.booking.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.booking.service.BookingEvents;
import dev.frontdesk.booking.service.RoomActivityService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomActivityService activity;

    public CallEventsConsumer(Inbox inbox, RoomActivityService activity) {
        this.inbox = inbox;
        this.activity = activity;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("booking-webhook-service.room-activity", record, BookingEvents.PARTICIPANT_JOINED, BookingEvents.ParticipantJoined.class,
                (event, joined) -> activity.joined(event.id(), joined));
    }
}

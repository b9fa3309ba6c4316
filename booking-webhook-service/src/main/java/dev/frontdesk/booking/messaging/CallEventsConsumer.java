package dev.frontdesk.booking.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.booking.service.BookingEvents;
import dev.frontdesk.booking.service.RoomActivityService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomActivityService activity;
    private final ObjectMapper mapper;

    public CallEventsConsumer(Inbox inbox, RoomActivityService activity, ObjectMapper mapper) {
        this.inbox = inbox;
        this.activity = activity;
        this.mapper = mapper;
    }

    @Incoming("calls")
    public Uni<Void> onCallEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("booking-webhook-service.room-activity", record, event -> {
            if (BookingEvents.PARTICIPANT_JOINED.matches(event)) {
                return activity.joined(event.id(), event.payloadAs(mapper, BookingEvents.ParticipantJoined.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}

package dev.frontdesk.visitor.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.inbox.Inbox;
import dev.frontdesk.visitor.service.RoomEndService;
import dev.frontdesk.visitor.service.VisitorEvents;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomEndService roomEnds;
    private final ObjectMapper mapper;

    public CallEventsConsumer(Inbox inbox, RoomEndService roomEnds, ObjectMapper mapper) {
        this.inbox = inbox;
        this.roomEnds = roomEnds;
        this.mapper = mapper;
    }

    @Incoming("calls")
    public Uni<Void> onCallEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("visitor-service.room-ends", record, event -> {
            if (VisitorEvents.ROOM_ENDED.matches(event)) {
                return roomEnds.ended(event.id(), event.payloadAs(mapper, VisitorEvents.RoomEnded.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}

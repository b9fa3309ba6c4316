package dev.frontdesk.visitor.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.visitor.service.RoomEndService;
import dev.frontdesk.visitor.service.VisitorEvents;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final RoomEndService roomEnds;

    public CallEventsConsumer(Inbox inbox, RoomEndService roomEnds) {
        this.inbox = inbox;
        this.roomEnds = roomEnds;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("visitor-service.room-ends", record, VisitorEvents.ROOM_ENDED, VisitorEvents.RoomEnded.class,
                (event, ended) -> roomEnds.ended(event.id(), ended));
    }
}

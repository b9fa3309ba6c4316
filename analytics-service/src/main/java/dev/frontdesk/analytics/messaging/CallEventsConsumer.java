package dev.frontdesk.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.analytics.service.AnalyticsEvents;
import dev.frontdesk.analytics.service.ServerTruth;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** Real call ends from call-service, which billing trusts over the widget's beacons. */
@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final ServerTruth truth;

    public CallEventsConsumer(Inbox inbox, ServerTruth truth) {
        this.inbox = inbox;
        this.truth = truth;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("analytics-service.call-ended", record, AnalyticsEvents.CALL_ENDED,
                AnalyticsEvents.CallEnded.class, (event, ended) -> truth.callEnded(ended))
                .chain(() -> inbox.consume("analytics-service.room-ended", record, AnalyticsEvents.ROOM_ENDED,
                        AnalyticsEvents.RoomEnded.class, (event, ended) -> truth.roomEnded(ended)));
    }
}

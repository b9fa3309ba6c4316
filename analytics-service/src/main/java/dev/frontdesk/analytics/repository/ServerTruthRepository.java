package dev.frontdesk.analytics.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Real call ends from call-service; written in the consumer's inbox transaction. The provider's figure wins. */
@ApplicationScoped
public class ServerTruthRepository {

    private static final String RECORD = """
            INSERT INTO server_call_end (call_ref, ended_at, duration_seconds, source_event)
            VALUES (:ref, :endedAt, :seconds, :source)
            ON CONFLICT (call_ref) DO UPDATE SET ended_at = excluded.ended_at,
                duration_seconds = excluded.duration_seconds, source_event = excluded.source_event
            WHERE excluded.source_event = 'room.ended' OR server_call_end.source_event <> 'room.ended'""";

    private static final String FORGET_VISITOR = "UPDATE widget_event SET visitor_id = NULL WHERE visitor_id = :visitor";

    public Uni<Void> record(String callRef, Instant endedAt, long seconds, String sourceEvent) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("ref", callRef)
                .setParameter("endedAt", endedAt)
                .setParameter("seconds", seconds)
                .setParameter("source", sourceEvent)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** GDPR erasure: the visitor's events stay (billing needs them) but no longer say whose they were. */
    public Uni<Void> forgetVisitor(String visitorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FORGET_VISITOR)
                .setParameter("visitor", visitorId)
                .executeUpdate())
                .replaceWithVoid();
    }
}

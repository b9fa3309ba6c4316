package dev.frontdesk.visitor.widget;

import static dev.frontdesk.visitor.repository.VisitorStore.utc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.webhook.HmacSha256;
import dev.frontdesk.visitor.repository.VisitorStore.Tracked;
import dev.frontdesk.visitor.service.VisitorEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Links an anonymous visitor to a known contact. The visitor's history (pages, conversations, invites) becomes part
 * of the contact's; a visitor already identified as someone else is never merged into another contact: that
 * browser gets a fresh visitor id for the new contact, and the old history stays with the old one. A placeholder
 * external id ({@link ExternalIds}) is refused before anything else: it would make one contact of many people.
 */
@ApplicationScoped
public class IdentifyService {

    public enum Outcome {
        /** The anonymous visitor now belongs to the contact. */
        IDENTIFIED,
        /** It already did. */
        UNCHANGED,
        /** It belonged to another contact: the widget must switch to the returned visitor id. */
        SWITCHED
    }

    public record Result(String visitorId, UUID contactId, Outcome outcome) {
    }

    private static final String UPSERT_CONTACT = """
            INSERT INTO contact (id, org_id, site_id, external_id, email, name, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (site_id, external_id) DO UPDATE SET
                email = coalesce(excluded.email, contact.email), name = coalesce(excluded.name, contact.name),
                updated_at = excluded.updated_at
            RETURNING id""";

    private static final String LOCK_VISITOR = "SELECT contact_id FROM visitor WHERE id = $1 FOR UPDATE";
    private static final String LINK = "UPDATE visitor SET contact_id = $2 WHERE id = $1";

    private final WidgetSites sites;
    private final TrackService tracking;
    private final Pool pool;
    private final Outbox outbox;
    private final Clock clock;

    public IdentifyService(WidgetSites sites, TrackService tracking, Pool pool, Outbox outbox, Clock clock) {
        this.sites = sites;
        this.tracking = tracking;
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Result> identify(String key, String visitorHeader, String origin, String referer, String userAgent,
            IdentifyRequest request) {
        ExternalIds.requireReal(request.externalId());
        return sites.authorize(key, origin, referer).chain(site -> {
            if (!HmacSha256.matches(HmacSha256.hex(site.identitySecret().getBytes(StandardCharsets.UTF_8), request.externalId().getBytes(StandardCharsets.UTF_8)),
                    request.signature().toLowerCase())) {
                throw new AccessDeniedException("The identity signature does not match this site's identity secret.");
            }
            UUID given = VisitorIds.parse(visitorHeader);
            UUID id = given != null ? given : UUID.randomUUID();
            return pool.withTransaction(connection -> ensure(connection, site, id, userAgent)
                    .chain(visitor -> upsertContact(connection, site, request).chain(contact -> connection
                            .preparedQuery(LOCK_VISITOR).execute(Tuple.of(visitor)).chain(rows -> {
                                UUID current = rows.iterator().next().getUUID("contact_id");
                                if (contact.equals(current)) {
                                    return Uni.createFrom().item(new Result(VisitorIds.format(visitor), contact, Outcome.UNCHANGED));
                                }
                                if (current == null) {
                                    return link(connection, site, visitor, contact, request)
                                            // SWITCHED also when the browser had no (usable) id: it must keep this one.
                                            .replaceWith(new Result(VisitorIds.format(visitor), contact,
                                                    visitor.equals(given) ? Outcome.IDENTIFIED : Outcome.SWITCHED));
                                }
                                UUID fresh = UUID.randomUUID();
                                return tracking.touch(connection, site, fresh, userAgent)
                                        .chain(() -> link(connection, site, fresh, contact, request))
                                        .replaceWith(new Result(VisitorIds.format(fresh), contact, Outcome.SWITCHED));
                            }))));
        });
    }

    /** The visitor row exists afterwards; an id of another site's visitor is replaced by a new one. */
    private Uni<UUID> ensure(SqlConnection connection, WidgetSite site, UUID id, String userAgent) {
        return tracking.touch(connection, site, id, userAgent).chain(tracked -> tracked != null
                ? Uni.createFrom().item(id)
                : tracking.touch(connection, site, UUID.randomUUID(), userAgent).map(Tracked::id));
    }

    private Uni<UUID> upsertContact(SqlConnection connection, WidgetSite site, IdentifyRequest request) {
        Instant now = clock.instant();
        return connection.preparedQuery(UPSERT_CONTACT)
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), site.orgId(), site.id(), request.externalId().strip(),
                        request.email(), request.name(), utc(now) }))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    private Uni<Void> link(SqlConnection connection, WidgetSite site, UUID visitor, UUID contact, IdentifyRequest request) {
        return connection.preparedQuery(LINK).execute(Tuple.of(visitor, contact))
                .chain(() -> outbox.record(connection, VisitorEvents.VISITOR_IDENTIFIED, VisitorIds.format(visitor),
                        new VisitorEvents.Identified(VisitorIds.format(visitor), site.orgId(), site.id(), contact,
                                request.externalId().strip(), request.name())))
                .replaceWithVoid();
    }
}

package dev.frontdesk.visitor.widget;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.input.BrowserText;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.web.Bots;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.repository.VisitorStore;
import dev.frontdesk.visitor.repository.VisitorStore.Hit;
import dev.frontdesk.visitor.repository.VisitorStore.Tracked;
import dev.frontdesk.visitor.service.VisitorEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Page views, heartbeats and page leaves of the widget. A heartbeat is one upsert; a page view also adds to the
 * timeline and publishes {@code visitor.seen} (the dashboard's current page) in the same transaction.
 */
@ApplicationScoped
public class TrackService {

    /** {@code visitorId} is the id the widget must keep; {@code issued} when the server made it up just now. */
    public record Result(String visitorId, boolean issued, boolean recorded) {
    }

    /** The visitor must exist (e.g. a conversation names it): seen, but not active. */
    private static final TrackRequest TOUCH = new TrackRequest("heartbeat", null, null, null, null, null, null, null,
            null, null, null, null, null);

    private final WidgetSites sites;
    private final VisitorStore store;
    private final Outbox outbox;
    private final VisitorsConfig config;
    private final Clock clock;
    private final Counter bots;

    public TrackService(WidgetSites sites, VisitorStore store, Outbox outbox, VisitorsConfig config, Clock clock,
            MeterRegistry metrics) {
        this.sites = sites;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.bots = metrics.counter("frontdesk.visitors.tracking.bots");
    }

    public Uni<Result> track(String key, String visitorHeader, String origin, String referer, String userAgent,
            TrackRequest request) {
        if ("page_view".equals(request.type()) && request.url() == null) {
            throw new InvalidRequestException("url: a page view needs the page's URL.");
        }
        String givenId = visitorHeader != null ? visitorHeader : request.visitorId();
        return sites.authorize(key != null ? key : request.siteKey(), origin, referer).chain(site -> {
            UUID parsed = VisitorIds.parse(givenId);
            UUID id = parsed != null ? parsed : UUID.randomUUID();
            if (Bots.isBot(userAgent)) {
                bots.increment();
                return Uni.createFrom().item(new Result(null, false, false));
            }
            if (site.demo()) {
                return Uni.createFrom().item(new Result(VisitorIds.format(id), parsed == null, false));
            }
            return apply(site, id, userAgent, request).chain(tracked -> tracked != null
                    ? Uni.createFrom().item(new Result(VisitorIds.format(id), parsed == null, true))
                    // The id is another site's visitor: leave that one alone, this browser gets a new id.
                    : apply(site, UUID.randomUUID(), userAgent, request)
                            .map(fresh -> new Result(VisitorIds.format(fresh.id()), true, true)));
        });
    }

    /** Makes sure the visitor exists (as a heartbeat would), e.g. when a conversation names a new visitor. */
    public Uni<Tracked> touch(SqlClient client, WidgetSite site, UUID id, String userAgent) {
        return store.upsert(client, hit(site, id, userAgent, TOUCH), gapStart(), capMillis());
    }

    private Uni<Tracked> apply(WidgetSite site, UUID id, String userAgent, TrackRequest request) {
        Hit hit = hit(site, id, userAgent, request);
        return switch (request.type()) {
            case "page_view" -> store.pool().withTransaction(connection -> store
                    .upsert(connection, hit, gapStart(), capMillis())
                    .call(tracked -> tracked == null ? Uni.createFrom().voidItem()
                            : store.recordPageView(connection, id, request.url(), request.title(), request.referrer(), hit.at())
                                    .chain(() -> outbox.record(connection, VisitorEvents.VISITOR_SEEN, VisitorIds.format(id),
                                            presence(tracked, "active")))));
            case "page_leave" -> store.pool().withTransaction(connection -> store
                    .upsert(connection, hit, gapStart(), capMillis())
                    .call(tracked -> tracked == null ? Uni.createFrom().voidItem()
                            : store.recordPageLeave(connection, id, hit.at())));
            default -> store.heartbeat(hit, gapStart(), capMillis());
        };
    }

    private Hit hit(WidgetSite site, UUID id, String userAgent, TrackRequest request) {
        boolean pageView = "page_view".equals(request.type());
        boolean visible = !"page_leave".equals(request.type()) && !Boolean.FALSE.equals(request.visible());
        boolean activity = pageView || visible && request != TOUCH;
        return new Hit(id, site.id(), site.orgId(), now(), pageView ? 1 : 0, visible, activity,
                pageView ? "active" : null, pageView ? request.url() : null, pageView ? request.title() : null,
                request.referrer(), BrowserText.userAgent(userAgent), request.timezone(), request.locale(), request.company(),
                request.website(), request.country(), request.city());
    }

    public static VisitorEvents.Presence presence(Tracked tracked, String state) {
        return new VisitorEvents.Presence(VisitorIds.format(tracked.id()), tracked.orgId(), tracked.siteId(), state,
                tracked.lastSeenAt(), tracked.currentUrl(), tracked.currentTitle(), tracked.visitPageViews(),
                tracked.visitStartedAt(), tracked.visits() > 1, tracked.company(), tracked.country(), tracked.city());
    }

    /** Now, to the microsecond PostgreSQL keeps (the upsert compares it with what it stored). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Instant gapStart() {
        return now().minus(config.visitGap());
    }

    private long capMillis() {
        return config.heartbeatCap().toMillis();
    }
}

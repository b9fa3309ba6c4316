package dev.frontdesk.visitor.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.visitor.model.Site;
import dev.frontdesk.visitor.repository.SiteRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Sites of an organization; every change is published on the compacted sites topic. */
@ApplicationScoped
public class SiteService {

    private final SiteRepository sites;
    private final Outbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SiteService(SiteRepository sites, Outbox outbox, Clock clock) {
        this.sites = sites;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Site> create(String orgId, NewSite request) {
        Instant now = clock.instant();
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.orgId = orgId;
        site.name = request.name().strip();
        site.publishableKey = "pk_" + token(12);
        site.identitySecret = "sk_" + token(24);
        site.allowedDomains = request.allowedDomains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .distinct().toArray(String[]::new);
        site.active = request.active();
        site.demo = request.demo();
        site.createdAt = now;
        site.updatedAt = now;
        return sites.persist(site)
                .chain(saved -> outbox.record(VisitorEvents.SITE_UPSERTED, saved.id.toString(), upserted(saved)))
                .replaceWith(site);
    }

    @WithSession
    public Uni<Site> find(String orgId, UUID id) {
        return sites.findInOrg(orgId, id)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No site " + id + "."));
    }

    private static VisitorEvents.SiteUpserted upserted(Site site) {
        return new VisitorEvents.SiteUpserted(site.id, site.orgId, site.name, site.publishableKey,
                List.of(site.allowedDomains), site.active, site.demo, site.updatedAt);
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}

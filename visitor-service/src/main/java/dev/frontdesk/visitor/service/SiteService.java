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
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.model.Organization;
import dev.frontdesk.visitor.model.Site;
import dev.frontdesk.visitor.repository.OrganizationRepository;
import dev.frontdesk.visitor.repository.SiteRepository;
import dev.frontdesk.visitor.widget.WidgetSites;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Organizations and their sites; every site change is published on the compacted sites topic. */
@ApplicationScoped
public class SiteService {

    public record OrganizationSettings(String id, String name, int retentionDays, Instant updatedAt) {
    }

    private final SiteRepository sites;
    private final OrganizationRepository organizations;
    private final WidgetSites widgetSites;
    private final Outbox outbox;
    private final VisitorsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SiteService(SiteRepository sites, OrganizationRepository organizations, WidgetSites widgetSites,
            Outbox outbox, VisitorsConfig config, Clock clock) {
        this.sites = sites;
        this.organizations = organizations;
        this.widgetSites = widgetSites;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Site> create(String orgId, NewSite request) {
        Instant now = clock.instant();
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.orgId = orgId;
        site.publishableKey = "pk_" + token(12);
        site.identitySecret = "sk_" + token(24);
        site.createdAt = now;
        apply(site, request, now);
        return sites.persist(site).chain(this::published);
    }

    @WithTransaction
    public Uni<Site> update(String orgId, UUID id, NewSite request) {
        return sites.findInOrg(orgId, id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .chain(site -> {
                    apply(site, request, clock.instant());
                    return published(site);
                })
                .invoke(site -> widgetSites.forget(site.publishableKey));
    }

    /** A new identity secret; the old one stops verifying identities at once. */
    @WithTransaction
    public Uni<Site> rotateIdentitySecret(String orgId, UUID id) {
        return sites.findInOrg(orgId, id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(site -> {
                    site.identitySecret = "sk_" + token(24);
                    site.updatedAt = clock.instant();
                })
                .invoke(site -> widgetSites.forget(site.publishableKey));
    }

    @WithSession
    public Uni<Site> find(String orgId, UUID id) {
        return sites.findInOrg(orgId, id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithSession
    public Uni<List<Site>> list(String orgId) {
        return sites.list("orgId", Sort.by("createdAt"), orgId);
    }

    @WithSession
    public Uni<OrganizationSettings> organization(String orgId) {
        return organizations.findById(orgId).map(org -> org == null
                ? new OrganizationSettings(orgId, null, config.defaultRetentionDays(), null)
                : settings(org));
    }

    @WithTransaction
    public Uni<OrganizationSettings> updateOrganization(String orgId, String name, Integer retentionDays) {
        Instant now = clock.instant();
        return organizations.findById(orgId).chain(existing -> {
            Organization org = existing;
            if (org == null) {
                org = new Organization();
                org.id = orgId;
                org.createdAt = now;
                org.retentionDays = config.defaultRetentionDays();
            }
            if (name != null) {
                org.name = name.strip();
            }
            if (retentionDays != null) {
                org.retentionDays = retentionDays;
            }
            org.updatedAt = now;
            return organizations.persist(org);
        }).map(SiteService::settings);
    }

    private Uni<Site> published(Site site) {
        return outbox.record(VisitorEvents.SITE_UPSERTED, site.id.toString(), upserted(site)).replaceWith(site);
    }

    private static void apply(Site site, NewSite request, Instant now) {
        site.name = request.name().strip();
        site.allowedDomains = request.allowedDomains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .distinct().toArray(String[]::new);
        site.active = request.active();
        site.demo = request.demo();
        site.updatedAt = now;
    }

    private static OrganizationSettings settings(Organization org) {
        return new OrganizationSettings(org.id, org.name, org.retentionDays, org.updatedAt);
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No site " + id + ".");
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

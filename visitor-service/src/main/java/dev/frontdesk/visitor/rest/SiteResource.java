package dev.frontdesk.visitor.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import dev.frontdesk.visitor.model.Site;
import dev.frontdesk.visitor.service.NewSite;
import dev.frontdesk.visitor.service.SiteService;
import io.smallrye.mutiny.Uni;

@Path("/api/sites")
@Tag(name = "Sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SiteResource {

    /**
     * A host name, optionally with a leading {@code *.} wildcard, or localhost; either with a port, which requests must
     * then come from (platform's {@code AllowedDomains}).
     */
    static final String DOMAIN = "^((\\*\\.)?([a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}|localhost)"
            + "(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$";

    private final SiteService sites;
    private final Caller caller;

    public SiteResource(SiteService sites, Caller caller) {
        this.sites = sites;
        this.caller = caller;
    }

    public record CreateSite(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = DOMAIN, message = "must be a host name such as www.example.com, *.example.com or localhost:3000") String> allowedDomains,
            Boolean active,
            Boolean demo) {
    }

    public record SiteView(UUID id, String name, String publishableKey, List<String> allowedDomains, boolean active,
            boolean demo, Instant createdAt, Instant updatedAt) {

        static SiteView of(Site site) {
            return new SiteView(site.id, site.name, site.publishableKey, List.of(site.allowedDomains), site.active,
                    site.demo, site.createdAt, site.updatedAt);
        }
    }

    /** Only the creation answer carries the identity secret: the admin hands it to the site's backend. */
    public record CreatedSite(SiteView site, String identitySecret) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a site", description = "Generates its publishable key and its identity secret.")
    public Uni<RestResponse<CreatedSite>> create(@Valid @NotNull CreateSite request) {
        return sites.create(caller.org(), site(request))
                .map(created -> RestResponse.ResponseBuilder
                        .<CreatedSite> created(Locations.of("/api/sites", created.id))
                        .entity(new CreatedSite(SiteView.of(created), created.identitySecret)).build());
    }

    @GET
    @Operation(summary = "The sites of the caller's organization")
    public Uni<List<SiteView>> list() {
        return sites.list(caller.org()).map(all -> all.stream().map(SiteView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A site of the caller's organization")
    public Uni<SiteView> get(@PathParam("id") UUID id) {
        return sites.find(caller.org(), id).map(SiteView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a site", description = "Name, allowed domains, active and demo; published as site.upserted.")
    public Uni<SiteView> update(@PathParam("id") UUID id, @Valid @NotNull CreateSite request) {
        return sites.update(caller.org(), id, site(request)).map(SiteView::of);
    }

    @POST
    @Path("/{id}/identity-secret")
    @Operation(summary = "Replace a site's identity secret", description = "The old secret stops verifying identities at once.")
    public Uni<CreatedSite> rotateIdentitySecret(@PathParam("id") UUID id) {
        return sites.rotateIdentitySecret(caller.org(), id).map(site -> new CreatedSite(SiteView.of(site), site.identitySecret));
    }

    public record OrganizationUpdate(@Size(max = 200) String name, @Min(1) @Max(3650) Integer retentionDays) {
    }

    @GET
    @Path("/organization")
    @Operation(summary = "The caller's organization: name and retention of anonymous visitors (days)")
    public Uni<SiteService.OrganizationSettings> organization() {
        return sites.organization(caller.org());
    }

    @PUT
    @Path("/organization")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's organization's name or retention (1-3650 days, default 90)")
    public Uni<SiteService.OrganizationSettings> updateOrganization(@Valid @NotNull OrganizationUpdate request) {
        return sites.updateOrganization(caller.org(), request.name(), request.retentionDays());
    }

    private static NewSite site(CreateSite request) {
        return new NewSite(request.name(), request.allowedDomains(), !Boolean.FALSE.equals(request.active()),
                Boolean.TRUE.equals(request.demo()));
    }
}

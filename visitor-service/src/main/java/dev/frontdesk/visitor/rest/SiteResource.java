package dev.frontdesk.visitor.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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

    /** A host name, optionally with a leading {@code *.} wildcard, or localhost with a port. */
    static final String DOMAIN = "^(\\*\\.)?([a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}$|^localhost(:[0-9]{1,5})?$";

    private final SiteService sites;
    private final Caller caller;

    public SiteResource(SiteService sites, Caller caller) {
        this.sites = sites;
        this.caller = caller;
    }

    public record CreateSite(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = DOMAIN, message = "must be a host name such as www.example.com or *.example.com") String> allowedDomains,
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
        NewSite site = new NewSite(request.name(), request.allowedDomains(), !Boolean.FALSE.equals(request.active()),
                Boolean.TRUE.equals(request.demo()));
        return sites.create(caller.org(), site)
                .map(created -> RestResponse.ResponseBuilder
                        .<CreatedSite> created(URI.create("/api/sites/" + created.id))
                        .entity(new CreatedSite(SiteView.of(created), created.identitySecret)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A site of the caller's organization")
    public Uni<SiteView> get(@PathParam("id") UUID id) {
        return sites.find(caller.org(), id).map(SiteView::of);
    }
}

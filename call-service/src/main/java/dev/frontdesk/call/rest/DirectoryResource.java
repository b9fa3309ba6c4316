package dev.frontdesk.call.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.call.model.Company;
import dev.frontdesk.call.model.DirectoryUser;
import dev.frontdesk.call.service.DirectoryService;
import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/directory")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    private final DirectoryService directory;
    private final Caller caller;

    public DirectoryResource(DirectoryService directory, Caller caller) {
        this.directory = directory;
        this.caller = caller;
    }

    public record NewCompany(@NotBlank @Size(max = 200) String name) {
    }

    public record CompanyView(String id, String name, Instant createdAt) {

        static CompanyView of(Company company) {
            return new CompanyView(company.id.toString(), company.name, company.createdAt);
        }
    }

    public record UserDetails(
            @NotNull UUID companyId,
            @NotNull @Pattern(regexp = "staff|client", message = "must be staff or client") String role,
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "https://\\S{1,2040}", message = "must be an https URL") String avatarUrl,
            @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be in E.164 form, like +14155550123") String phone) {
    }

    public record UserView(String id, String companyId, String role, String name, String email, String avatarUrl,
            String phone, Instant updatedAt) {

        static UserView of(DirectoryUser user) {
            return new UserView(user.userId, user.companyId.toString(), user.role, user.name, user.email,
                    user.avatarUrl, user.phone, user.updatedAt);
        }
    }

    @POST
    @Path("/companies")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a company to the organization")
    public Uni<RestResponse<CompanyView>> createCompany(@Valid @NotNull NewCompany request) {
        return directory.createCompany(caller.org(), request.name())
                .map(company -> RestResponse.ResponseBuilder
                        .<CompanyView> created(Locations.of("/api/directory/companies", company.id))
                        .entity(CompanyView.of(company)).build());
    }

    @GET
    @Path("/companies")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The organization's companies")
    public Uni<List<CompanyView>> companies() {
        return directory.companies(caller.org()).map(list -> list.stream().map(CompanyView::of).toList());
    }

    @PUT
    @Path("/users/{userId}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or update a staff member or client", description = "The id is the user's JWT subject.")
    public Uni<RestResponse<UserView>> upsertUser(@PathParam("userId") @Size(max = 128) String userId,
            @Valid @NotNull UserDetails request) {
        return directory.upsertUser(caller.org(), userId, new DirectoryService.UserDetails(request.companyId(),
                request.role(), request.name(), request.email(), request.avatarUrl(), request.phone()))
                .map(result -> result.created()
                        ? RestResponse.ResponseBuilder.<UserView> created(Locations.of("/api/directory/users", userId))
                                .entity(UserView.of(result.user())).build()
                        : RestResponse.ok(UserView.of(result.user())));
    }

    @DELETE
    @Path("/users/{userId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a user from the directory")
    public Uni<RestResponse<Void>> deleteUser(@PathParam("userId") String userId) {
        return directory.deleteUser(caller.org(), userId).replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Search the organization's directory")
    public Uni<Page<UserView>> users(@QueryParam("companyId") UUID companyId,
            @QueryParam("role") @Pattern(regexp = "staff|client", message = "must be staff or client") String role,
            @QueryParam("q") @Size(max = 100) String search,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return directory.search(caller.org(), companyId, role, search, page, size).map(found -> found.map(UserView::of));
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "The caller's own directory entry")
    public Uni<UserView> me() {
        return directory.user(caller.org(), caller.subject()).map(UserView::of);
    }

    @GET
    @Path("/clients")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "The clients of the staff member's company", description = "Search by name or email.")
    public Uni<Page<UserView>> clients(@QueryParam("q") @Size(max = 100) String search,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return directory.contacts(caller.org(), caller.subject(), DirectoryUser.CLIENT, search, page, size)
                .map(found -> found.map(UserView::of));
    }

    @GET
    @Path("/staff")
    @RolesAllowed(Roles.CLIENT)
    @Operation(summary = "The staff of the client's company", description = "Search by name or email.")
    public Uni<Page<UserView>> staff(@QueryParam("q") @Size(max = 100) String search,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return directory.contacts(caller.org(), caller.subject(), DirectoryUser.STAFF, search, page, size)
                .map(found -> found.map(UserView::of));
    }
}

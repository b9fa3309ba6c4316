package dev.frontdesk.notification.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.frontdesk.notification.sms.HolidayCampaign;
import dev.frontdesk.notification.sms.SmsTemplates;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/notifications/sms")
@Tag(name = "SMS")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SmsResource {

    private final SmsTemplates templates;
    private final HolidayCampaign holiday;
    private final Caller caller;

    public SmsResource(SmsTemplates templates, HolidayCampaign holiday, Caller caller) {
        this.templates = templates;
        this.holiday = holiday;
        this.caller = caller;
    }

    /** name and active are optional (kept as they are when absent). */
    public record TemplateUpdate(@Size(max = 100) String name, @NotBlank String body, Boolean active) {
    }

    public record CampaignRequest(@NotBlank @Size(max = 64) String campaign) {
    }

    @GET
    @Path("/templates")
    @Operation(summary = "The organization's SMS templates (its own edits, else the defaults)",
            description = "Placeholders: {{memberName}}, {{hostName}}, {{startTime}} (in the member's time zone), {{joinUrl}}, {{title}}.")
    public Uni<List<SmsTemplates.Template>> list() {
        return templates.list(caller.org());
    }

    @GET
    @Path("/templates/{key}")
    @Operation(summary = "One SMS template")
    public Uni<SmsTemplates.Template> get(@PathParam("key") String key) {
        return templates.get(caller.org(), key);
    }

    @PUT
    @Path("/templates/{key}")
    @Operation(summary = "Edit a template for the organization", description = "Unknown placeholders are a 400.")
    public Uni<SmsTemplates.Template> update(@PathParam("key") String key, @Valid @NotNull TemplateUpdate update) {
        return templates.save(caller.org(), key, update.name(), update.body(), update.active());
    }

    @DELETE
    @Path("/templates/{key}")
    @Operation(summary = "Back to the default template")
    public Uni<SmsTemplates.Template> reset(@PathParam("key") String key) {
        return templates.reset(caller.org(), key);
    }

    @POST
    @Path("/campaigns/holiday")
    @ResponseStatus(202)
    @Operation(summary = "Send the Holiday Message to every member with a known phone number",
            description = "Idempotent per campaign name: a member gets a campaign once however often it is started.")
    public Uni<HolidayCampaign.Result> holiday(@Valid @NotNull CampaignRequest request) {
        return holiday.start(caller.org(), request.campaign());
    }
}

package dev.frontdesk.notification.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.service.TestNotificationService;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/notifications/test")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT })
public class TestNotificationResource {

    private final TestNotificationService tests;
    private final Caller caller;

    public TestNotificationResource(TestNotificationService tests, Caller caller) {
        this.tests = tests;
        this.caller = caller;
    }

    public record DeliveryView(UUID id, String recipient, String kind, String subjectId, DeliveryStatus status, String reason) {
    }

    @POST
    @ResponseStatus(202)
    @Operation(summary = "Send a test notification to yourself",
            description = "A `test` frame to your sockets. status is `pending` when one of your sockets is open (it turns "
                    + "`delivered` when a socket got it; see the delivery log), `failed` with reason `recipient-offline` otherwise.")
    public Uni<DeliveryView> send() {
        return tests.sendTo(caller.org(), caller.subject())
                .map(d -> new DeliveryView(d.id, d.recipient, d.kind, d.subjectId, d.status, d.lastError));
    }
}

package dev.frontdesk.booking.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.booking.service.BookingWebhookService;
import io.smallrye.mutiny.Uni;

@Path("/webhooks/calcom/{endpointId}")
@Tag(name = "Webhooks")
@PermitAll
public class CalcomWebhookResource {

    private final BookingWebhookService webhooks;

    public CalcomWebhookResource(BookingWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public record Receipt(boolean received, String outcome) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Cal.com webhook", description = """
            X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body under the endpoint's secret) is checked before the \
            body is read: missing, wrong or no-secret-provided is 401 and nothing is stored. A delivery seen before \
            is a 200 with outcome 'duplicate'.""")
    public Uni<Receipt> receive(@PathParam("endpointId") UUID endpointId, byte[] body,
            @HeaderParam("X-Cal-Signature-256") String signature) {
        return webhooks.receive(endpointId, body, signature)
                .map(outcome -> new Receipt(true, outcome.name().toLowerCase()));
    }
}

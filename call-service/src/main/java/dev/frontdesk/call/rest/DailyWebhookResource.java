package dev.frontdesk.call.rest;

import java.io.IOException;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.call.service.DailySignature;
import dev.frontdesk.call.service.DailyWebhookService;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.InvalidSignatureException;
import io.smallrye.mutiny.Uni;

/**
 * Daily's webhooks (INTEGRATIONS.md §2.7). The signature is checked over the raw bytes before anything is read
 * into the database; the answer is quick, because slow answers push Daily's webhook into its FAILED state.
 */
@Path("/webhooks/daily")
@Tag(name = "Webhooks")
@PermitAll
public class DailyWebhookResource {

    private static final Logger LOG = Logger.getLogger(DailyWebhookResource.class);

    private final DailySignature signature;
    private final DailyWebhookService webhooks;
    private final ObjectMapper mapper;

    public DailyWebhookResource(DailySignature signature, DailyWebhookService webhooks, ObjectMapper mapper) {
        this.signature = signature;
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    public record Receipt(boolean received, String outcome) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Daily webhook", description = """
            Signed with X-Webhook-Signature / X-Webhook-Timestamp (401 naming X-Webhook-Signature otherwise). A body \
            without a 'type' (Daily's creation probe) is answered 200 and not processed. Daily's webhooks cover its \
            whole domain: an event of a type we do not use, or for a room that is not ours, is answered 200 \
            'ignored' and leaves no trace; each event id is applied once (a replay is 200 'duplicate'). An event we \
            use without an 'id' or a 'payload' object is a 400 naming the field.""")
    public Uni<Receipt> receive(byte[] body, @HeaderParam("X-Webhook-Signature") String signed,
            @HeaderParam("X-Webhook-Timestamp") String timestamp) {
        JsonNode event = parse(body);
        if (event == null || !event.hasNonNull("type")) {
            return Uni.createFrom().item(new Receipt(true, "probe"));
        }
        DailySignature.Verdict verdict = signature.verify(timestamp, signed, body);
        if (verdict != DailySignature.Verdict.VALID) {
            // Never the body: it may carry names and tokens.
            LOG.warnf("Daily webhook refused (%s), %d bytes", verdict, body.length);
            throw new InvalidSignatureException("X-Webhook-Signature", "X-Webhook-Signature / X-Webhook-Timestamp: "
                    + switch (verdict) {
                        case NOT_CONFIGURED -> "no webhook secret is configured, so no delivery can be verified.";
                        case MISSING -> "the signature is missing.";
                        case STALE -> "the signature is stale (the timestamp is too far from now).";
                        default -> "the signature does not match the body.";
                    });
        }
        String type = event.get("type").asText();
        if (!webhooks.applies(type)) {
            return Uni.createFrom().item(new Receipt(true, "ignored"));
        }
        JsonNode id = event.path("id");
        if (!id.isTextual() && !id.isNumber() || id.asText().isBlank()) {
            throw new InvalidRequestException("id", "is required", "A Daily event needs an 'id'.");
        }
        JsonNode payload = event.path("payload");
        if (!payload.isObject()) {
            throw new InvalidRequestException("payload", "must be an object", "A Daily event needs a 'payload' object.");
        }
        return webhooks.receive(id.asText(), type, payload)
                .map(outcome -> new Receipt(true, outcome.name().toLowerCase()));
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}

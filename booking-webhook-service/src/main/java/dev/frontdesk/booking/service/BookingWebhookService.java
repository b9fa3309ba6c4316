package dev.frontdesk.booking.service;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.booking.repository.WebhookEndpointRepository;
import dev.frontdesk.platform.jobs.BackgroundTasks;
import dev.frontdesk.platform.input.JsonProblems;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import dev.frontdesk.platform.problem.InvalidSignatureException;
import io.smallrye.mutiny.Uni;

/**
 * Cal.com webhooks: verified over the raw body before anything is read, recorded once (Cal.com may deliver twice),
 * parsed, then handed to {@link BookingLifecycle}, which applies them to the booking they name.
 */
@ApplicationScoped
public class BookingWebhookService {

    private static final Logger LOG = Logger.getLogger(BookingWebhookService.class);

    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, PING
    }

    private final WebhookEndpointRepository endpoints;
    private final BookingLifecycle lifecycle;
    private final RoomAssignmentJob roomJob;
    private final BackgroundTasks background;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BookingWebhookService(WebhookEndpointRepository endpoints, BookingLifecycle lifecycle,
            RoomAssignmentJob roomJob, BackgroundTasks background, ObjectMapper mapper, Clock clock) {
        this.endpoints = endpoints;
        this.lifecycle = lifecycle;
        this.roomJob = roomJob;
        this.background = background;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<Outcome> receive(UUID endpointId, byte[] rawBody, String signature) {
        return Panache.withSession(() -> endpoints.findActive(endpointId))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No Cal.com webhook " + endpointId + "."))
                .chain(endpoint -> {
                    if (!CalcomSignature.valid(endpoint.secret, rawBody, signature)) {
                        // Never the body: it names people and may carry a Daily owner token.
                        LOG.warnf("Cal.com webhook %s refused: %s signature, %d bytes", endpointId,
                                signature == null ? "no" : "a wrong", rawBody.length);
                        throw new InvalidSignatureException("X-Cal-Signature-256", signature == null
                                ? "X-Cal-Signature-256 is missing: set the webhook's secret in Cal.com."
                                : "X-Cal-Signature-256 does not match the body under this endpoint's secret.");
                    }
                    CalcomEvent event = CalcomEvent.of(parse(rawBody));
                    if ("PING".equals(event.trigger())) {
                        return Uni.createFrom().item(Outcome.PING);
                    }
                    boolean known = BookingLifecycle.handles(event.trigger());
                    return Panache.withTransaction(() -> endpoints.receive(endpointId, event.trigger(), event.uid(),
                            event.sentAt(), event.seat(), sha256(rawBody), known ? "applied" : "ignored",
                            clock.instant())
                            .chain(first -> {
                                if (!first) {
                                    return Uni.createFrom().item(Outcome.DUPLICATE);
                                }
                                if (!known) {
                                    LOG.infof("Cal.com %s acknowledged and ignored", event.trigger());
                                    return Uni.createFrom().item(Outcome.IGNORED);
                                }
                                return lifecycle.apply(endpoint.orgId, event).replaceWith(Outcome.APPLIED);
                            }));
                })
                .invoke(outcome -> {
                    if (outcome == Outcome.APPLIED) {
                        background.runSoon("booking rooms", roomJob::work);
                    }
                });
    }

    private JsonNode parse(byte[] rawBody) {
        try {
            JsonNode body = mapper.readTree(rawBody);
            if (body == null || !body.isObject()) {
                throw new InvalidRequestException("The body is not a JSON object.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw new InvalidRequestException("The body is not well-formed JSON.");
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.frontdesk.notification.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.sms.SmsStatusCallbacks;
import dev.frontdesk.platform.input.PercentDecoding;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.webhook.TwilioSignature;
import io.smallrye.mutiny.Uni;

@Path("/webhooks/twilio/status")
@PermitAll
@Tag(name = "Webhooks")
public class TwilioStatusResource {

    private static final Logger LOG = Logger.getLogger(TwilioStatusResource.class);

    private final SmsStatusCallbacks callbacks;
    private final NotificationsConfig.Twilio twilio;

    public TwilioStatusResource(SmsStatusCallbacks callbacks, NotificationsConfig config) {
        this.callbacks = callbacks;
        this.twilio = config.twilio();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ResponseStatus(204)
    @Operation(summary = "Twilio message status callback", description = "Signed with X-Twilio-Signature over the "
            + "configured callback URL and every parameter: 400 without the header, 403 when it does not match.")
    public Uni<Void> status(@HeaderParam("X-Twilio-Signature") String signature, String body, @Context UriInfo uri) {
        if (signature == null || signature.isBlank()) {
            throw new InvalidRequestException("X-Twilio-Signature", "is required", "X-Twilio-Signature is required.");
        }
        String url = twilio.statusCallbackUrl().orElse(uri.getRequestUri().toString());
        Map<String, List<String>> parameters = PercentDecoding.form(body);
        if (twilio.authToken().isEmpty() || !TwilioSignature.verify(twilio.authToken().get(), url, parameters, signature)) {
            LOG.warnf("Twilio status callback with a bad signature refused (%d parameters)", parameters.size());
            throw new AccessDeniedException("Invalid X-Twilio-Signature.");
        }
        return callbacks.apply(parameters);
    }
}

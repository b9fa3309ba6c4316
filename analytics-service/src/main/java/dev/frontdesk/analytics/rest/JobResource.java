package dev.frontdesk.analytics.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.analytics.config.AnalyticsConfig;
import dev.frontdesk.analytics.service.SessionCompletionJob;
import dev.frontdesk.platform.webhook.HmacSha256;
import dev.frontdesk.platform.problem.UnauthenticatedException;
import io.smallrye.mutiny.Uni;

/** The completion job on demand, for an external scheduler: {@code Authorization: Bearer <cron secret>}. */
@Path("/api/analytics/jobs/session-completion")
@Tag(name = "Jobs")
@PermitAll
public class JobResource {

    private final SessionCompletionJob job;
    private final AnalyticsConfig config;

    public JobResource(SessionCompletionJob job, AnalyticsConfig config) {
        this.job = job;
        this.config = config;
    }

    public record Run(int inferred) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run the session completion job now", description = "Needs the cron secret as bearer token.")
    public Uni<Run> run(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String secret = config.cronSecret().filter(s -> !s.isBlank()).orElse(null);
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (secret == null || !HmacSha256.matches(secret, given)) {
            throw new UnauthenticatedException("The cron secret is required as the bearer token.");
        }
        return job.run().map(Run::new);
    }
}

package dev.frontdesk.analytics.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.analytics.service.BillingService;
import dev.frontdesk.platform.rest.QueryParams;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/analytics/sites/{siteId}")
@Tag(name = "Reports")
@RolesAllowed({ Roles.ADMIN, Roles.STAFF })
public class ReportResource {

    private final BillingService billing;
    private final Caller caller;

    public ReportResource(BillingService billing, Caller caller) {
        this.billing = billing;
        this.caller = caller;
    }

    @GET
    @Path("/billing")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call time per session, and billable minutes", description = """
            Sessions whose call started in [from, to) (ISO days, UTC; default the last 30 days). Source: server \
            (call-service's real end), beacon (the widget's call_end), inferred (the completion job), open.""")
    public Uni<BillingService.Billing> billing(@PathParam("siteId") UUID siteId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        QueryParams.Period period = QueryParams.period(from, to);
        return billing.billing(caller.org(), siteId, period.from(), period.to());
    }

    @GET
    @Path("/billing.csv")
    @Produces("text/csv")
    @Operation(summary = "The same billing, as CSV", description = """
            Columns session_id, start, end, duration_seconds, source, billable_minutes; one row per session, then a \
            row whose session_id is total, with the billed sessions' duration_seconds and billable_minutes summed in \
            those columns and the others empty.""")
    public Uni<String> billingCsv(@PathParam("siteId") UUID siteId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        QueryParams.Period period = QueryParams.period(from, to);
        return billing.billing(caller.org(), siteId, period.from(), period.to()).map(result -> {
            StringBuilder csv = new StringBuilder("session_id,start,end,duration_seconds,source,billable_minutes\n");
            for (BillingService.Session s : result.sessions()) {
                csv.append(csvField(s.sessionId())).append(',').append(s.start()).append(',')
                        .append(s.end() == null ? "" : s.end()).append(',')
                        .append(s.durationSeconds() == null ? "" : s.durationSeconds()).append(',')
                        .append(s.source()).append(',')
                        .append(s.billableMinutes() == null ? "" : s.billableMinutes().toPlainString()).append('\n');
            }
            // Under the header's own columns: the billed sessions' seconds and minutes.
            long seconds = result.sessions().stream().filter(s -> s.billableMinutes() != null)
                    .mapToLong(BillingService.Session::durationSeconds).sum();
            csv.append("total,,,").append(seconds).append(",,")
                    .append(result.billableMinutes().toPlainString()).append('\n');
            return csv.toString();
        });
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per day: loads, opens, calls started and completed, errors, completion rate, filtered bots")
    public Uni<List<BillingService.Day>> summary(@PathParam("siteId") UUID siteId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        QueryParams.Period period = QueryParams.period(from, to);
        return billing.summary(caller.org(), siteId, period.from(), period.to());
    }

    /** Session ids come from browsers: a quote, comma or formula start would break or abuse a spreadsheet. */
    private static String csvField(String value) {
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.matches(".*[\",\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}

package dev.frontdesk.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.config.AnalyticsConfig;
import dev.frontdesk.analytics.repository.ReportQueries;
import dev.frontdesk.analytics.repository.SiteRepository;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Billing is call time per session. A session's end comes from call-service when it reported one (server), else
 * from the widget's own call_end/call_error (beacon), else from the completion job (inferred); a session with no
 * end yet is listed and not billed.
 */
@ApplicationScoped
public class BillingService {

    public record Session(String sessionId, Instant start, Instant end, Long durationSeconds, String source,
            BigDecimal billableMinutes) {
    }

    public record Billing(UUID siteId, Instant from, Instant to, String rounding, List<Session> sessions,
            long billedSessions, BigDecimal billableMinutes) {
    }

    public record Day(LocalDate day, long loads, long opens, long callsStarted, long callsCompleted, long errors,
            Double completionRate, long filteredBots) {
    }

    private final SiteRepository sites;
    private final ReportQueries queries;
    private final AnalyticsConfig config;
    private final Clock clock;

    public BillingService(SiteRepository sites, ReportQueries queries, AnalyticsConfig config, Clock clock) {
        this.sites = sites;
        this.queries = queries;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Billing> billing(String org, UUID siteId, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        return site(org, siteId, start, end).chain(() -> queries.sessions(siteId, start, end)).map(rows -> {
            List<Session> sessions = rows.stream().map(this::session).toList();
            BigDecimal minutes = sessions.stream().map(Session::billableMinutes).filter(m -> m != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long billed = sessions.stream().filter(s -> s.billableMinutes() != null).count();
            return new Billing(siteId, start, end, config.billingRounding(), sessions, billed, minutes);
        });
    }

    public Uni<List<Day>> summary(String org, UUID siteId, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        return site(org, siteId, start, end).chain(() -> queries.days(siteId, start, end)).map(days -> days.stream()
                .map(d -> new Day(d.day(), d.loads(), d.opens(), d.callsStarted(), d.callsCompleted(), d.errors(),
                        d.callsStarted() == 0 ? null
                                : Math.round(1000.0 * d.callsCompleted() / d.callsStarted()) / 1000.0,
                        d.filteredBots()))
                .toList());
    }

    private Session session(ReportQueries.SessionRow row) {
        if (row.serverSeconds() != null) {
            Instant end = row.serverEnd() != null ? row.serverEnd() : row.start().plusSeconds(row.serverSeconds());
            return new Session(row.sessionId(), row.start(), end, row.serverSeconds(), "server",
                    minutes(row.serverSeconds()));
        }
        if (row.end() != null) {
            long seconds = Duration.between(row.start(), row.end()).toSeconds();
            String source = "inferred".equals(row.endSource()) ? "inferred" : "beacon";
            return new Session(row.sessionId(), row.start(), row.end(), seconds, source, minutes(seconds));
        }
        return new Session(row.sessionId(), row.start(), null, null, "open", null);
    }

    /** Billable minutes of a duration: per-minute ceiling by default ({@code billing-rounding}). */
    BigDecimal minutes(long seconds) {
        return switch (config.billingRounding()) {
            case "exact" -> BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
            case "round" -> BigDecimal.valueOf(Math.round(seconds / 60.0));
            default -> BigDecimal.valueOf((seconds + 59) / 60);
        };
    }

    private Uni<Void> site(String org, UUID siteId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return Uni.createFrom().failure(new InvalidRequestException("'from' must be before 'to'."));
        }
        return Panache.withSession(() -> sites.findById(siteId)).invoke(site -> {
            if (site == null || !org.equals(site.orgId)) {
                throw new ResourceNotFoundException("No site " + siteId + ".");
            }
        }).replaceWithVoid();
    }
}

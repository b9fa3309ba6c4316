package dev.frontdesk.visitor.visitors;

import java.time.Instant;
import java.util.UUID;

/** What staff see of visitors. Visitor ids are the widget's {@code v_<uuid>}. */
public final class VisitorViews {

    public record Contact(UUID id, String externalId, String name, String email) {
    }

    public record LatestInvite(UUID id, String status, Instant invitedAt) {
    }

    /**
     * {@code timeOnSiteSeconds} is the visible time of the current (or last) visit, {@code totalVisibleSeconds} over
     * all visits; {@code returning} when the visitor came on more than one visit.
     */
    public record Visitor(String id, UUID siteId, String state, String currentUrl, String currentTitle,
            int visitPageViews, long pageViews, int visits, boolean returning, Instant firstSeenAt, Instant lastSeenAt,
            Instant visitStartedAt, long timeOnSiteSeconds, long totalVisibleSeconds, String referrer,
            String userAgent, String timezone, String locale, String country, String city, String company,
            String website, Contact contact, LatestInvite latestInvite) {
    }

    /** One page of the browsing timeline; {@code seconds} until the next page or the leave, when known. */
    public record PageView(String visitorId, String url, String title, String referrer, Instant viewedAt,
            Instant leftAt, Long seconds) {
    }

    /**
     * Visitors with a visit in the period; returning = with an earlier visit; mean time between a returning
     * visit and the one before it.
     */
    public record Stats(Instant from, Instant to, long uniqueVisitors, long newVisitors, long returningVisitors,
            double returnRate, long visits, Double meanSecondsBetweenVisits) {
    }

    private VisitorViews() {
    }
}

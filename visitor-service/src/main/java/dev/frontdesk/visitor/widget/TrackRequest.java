package dev.frontdesk.visitor.widget;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One tracking call of the widget. {@code visitorId} and {@code siteKey} in the body are for
 * {@code navigator.sendBeacon} (page leave), which cannot set the {@code X-Visitor-Id} and {@code X-Org-Key} headers.
 */
public record TrackRequest(
        @NotNull @Pattern(regexp = "page_view|heartbeat|page_leave", message = "must be page_view, heartbeat or page_leave") String type,
        @Size(max = 2048) @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String url,
        @Size(max = 500) String title,
        @Size(max = 2048) String referrer,
        Boolean visible,
        @Size(max = 64) String timezone,
        @Size(max = 35) String locale,
        @Size(max = 200) String company,
        @Size(max = 200) String website,
        @Size(max = 100) String country,
        @Size(max = 100) String city,
        @Size(max = 100) String visitorId,
        @Size(max = 100) String siteKey) {
}

package dev.frontdesk.visitor.widget;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.frontdesk.platform.input.BrowserText;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One tracking call of the widget. {@code visitorId} and {@code siteKey} in the body are for
 * {@code navigator.sendBeacon} (page leave), which cannot set the {@code X-Visitor-Id} and {@code X-Org-Key} headers.
 * <p>
 * What the browser says about its page is kept, never refused for its content or length (platform's
 * {@link BrowserText}): cleaned of control characters, then cut — {@code url} and {@code referrer} to
 * {@value BrowserText#URL} characters, {@code title} to {@value BrowserText#TITLE}, {@code company} and
 * {@code website} to {@value #NAME}, {@code country} and {@code city} to {@value #PLACE}, {@code timezone} to
 * {@value #TIMEZONE}, {@code locale} to {@value #LOCALE}.
 */
// Read with Jackson by WidgetRequests (a text/plain body), outside Quarkus' REST layer: a native image keeps it only if
// registered.
@RegisterForReflection
public record TrackRequest(
        @NotNull @Pattern(regexp = "page_view|heartbeat|page_leave", message = "must be page_view, heartbeat or page_leave") String type,
        @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String url,
        String title,
        String referrer,
        Boolean visible,
        String timezone,
        String locale,
        String company,
        String website,
        String country,
        String city,
        @Size(max = 100) String visitorId,
        @Size(max = 100) String siteKey) {

    static final int NAME = 200;
    static final int PLACE = 100;
    static final int TIMEZONE = 64;
    static final int LOCALE = 35;

    public TrackRequest {
        url = BrowserText.url(url);
        title = BrowserText.title(title);
        referrer = BrowserText.url(referrer);
        timezone = BrowserText.keep(timezone, TIMEZONE);
        locale = BrowserText.keep(locale, LOCALE);
        company = BrowserText.keep(company, NAME);
        website = BrowserText.keep(website, NAME);
        country = BrowserText.keep(country, PLACE);
        city = BrowserText.keep(city, PLACE);
    }
}

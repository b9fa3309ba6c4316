package dev.frontdesk.analytics.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.frontdesk.analytics.config.AnalyticsConfig;
import dev.frontdesk.analytics.repository.EventStore;
import dev.frontdesk.analytics.service.WidgetSites.WidgetSite;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.input.BrowserText;
import dev.frontdesk.platform.input.JsonProblems;
import dev.frontdesk.platform.input.TextHandling;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.PayloadTooLargeException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.web.AllowedDomains;
import dev.frontdesk.platform.web.Bots;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Widget events in: checked (site active, origin allowed, shape), bots dropped and counted, demo sites
 * acknowledged without storing, the rest stored in one batch before the request is answered.
 */
@ApplicationScoped
public class IngestService {

    public static final Set<String> TYPES = Set.of("widget_load", "widget_open", "call_start", "call_end", "call_error");

    public record Result(int accepted, int duplicates, int filteredBots, boolean demo) {
    }

    private final WidgetSites sites;
    private final EventStore store;
    private final AnalyticsConfig config;
    private final ObjectMapper mapper;
    private final ObjectReader browserJson;
    private final MeterRegistry metrics;
    private final Clock clock;
    // Looked up once, not on every request.
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter bots;
    private final Counter demo;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    public IngestService(WidgetSites sites, EventStore store, AnalyticsConfig config, ObjectMapper mapper,
            MeterRegistry metrics, Clock clock) {
        this.sites = sites;
        this.store = store;
        this.config = config;
        this.mapper = mapper;
        this.browserJson = TextHandling.cleaning(mapper);
        this.metrics = metrics;
        this.clock = clock;
        this.accepted = metrics.counter("frontdesk.analytics.events.accepted");
        this.duplicates = metrics.counter("frontdesk.analytics.events.duplicates");
        this.bots = metrics.counter("frontdesk.analytics.events.bots");
        this.demo = metrics.counter("frontdesk.analytics.events.demo");
    }

    /**
     * @param beacon the body came as {@code text/plain} (navigator.sendBeacon)
     */
    public Uni<Result> ingest(String body, boolean beacon, String origin, String referer, String userAgent) {
        List<IncomingEvent> events;
        try {
            events = parse(body);
        } catch (RuntimeException e) {
            rejected(e instanceof PayloadTooLargeException ? "too-large" : "invalid");
            throw e;
        }
        String widgetId = events.get(0).widgetId();
        return sites.find(widgetId).chain(site -> {
            check(site, widgetId, origin, referer);
            if (site.demo()) {
                demo.increment(events.size());
                return Uni.createFrom().item(new Result(0, 0, 0, true));
            }
            Instant now = clock.instant();
            if (Bots.isBot(userAgent)) {
                bots.increment(events.size());
                return store.countBots(site.id(), now.atOffset(ZoneOffset.UTC).toLocalDate(), events.size())
                        .replaceWith(new Result(0, 0, events.size(), false));
            }
            return store.store(site.id(), events, beacon ? "beacon" : "widget", userAgent, now).map(stored -> {
                accepted.increment(stored);
                duplicates.increment(events.size() - stored);
                return new Result(stored, events.size() - stored, 0, false);
            });
        });
    }

    /** The allowed origins of a site, for a CORS preflight; null when the site may not send events from there. */
    public Uni<String> preflight(String widgetId, String origin) {
        if (widgetId == null || origin == null) {
            return Uni.createFrom().nullItem();
        }
        return sites.find(widgetId).map(site -> site != null && site.active()
                && AllowedDomains.allows(site.allowedDomains(), AllowedDomains.host(origin)) ? origin : null);
    }

    private void check(WidgetSite site, String widgetId, String origin, String referer) {
        if (site == null) {
            rejected("unknown-site");
            throw new ResourceNotFoundException("No widget " + widgetId + ".");
        }
        if (!site.active()) {
            rejected("inactive-site");
            throw new AccessDeniedException("This widget is not active.");
        }
        String host = AllowedDomains.host(origin != null ? origin : referer);
        if (!AllowedDomains.allows(site.allowedDomains(), host)) {
            rejected("origin");
            throw new AccessDeniedException("Events from " + (host == null ? "an unknown origin" : host)
                    + " are not allowed for this widget.");
        }
    }

    private void rejected(String reason) {
        rejected.computeIfAbsent(reason,
                key -> metrics.counter("frontdesk.analytics.events.rejected", "reason", key)).increment();
    }

    private List<IncomingEvent> parse(String body) {
        JsonNode root;
        try {
            // Widget data from browsers: control characters are cleaned, not refused (platform's TextHandling).
            root = body == null || body.isBlank() ? null : browserJson.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw new InvalidRequestException("The body is not well-formed JSON.");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new InvalidRequestException("Send one event (an object) or a batch (an array of them).");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.isEmpty()) {
            throw new InvalidRequestException("The batch is empty.");
        }
        if (nodes.size() > config.maxBatch()) {
            throw new PayloadTooLargeException("At most " + config.maxBatch() + " events per request.");
        }
        List<String> problems = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = root.isArray() ? "[" + i + "]." : "";
            IncomingEvent event = event(nodes.get(i), at, problems);
            if (event != null) {
                events.add(event);
            }
        }
        if (problems.isEmpty() && events.stream().map(IncomingEvent::widgetId).distinct().count() > 1) {
            problems.add("widgetId: one request carries the events of one widget");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid events: " + String.join("; ", problems.subList(0,
                    Math.min(problems.size(), 10))) + ".");
        }
        return events;
    }

    private IncomingEvent event(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + "event: must be an object");
            return null;
        }
        int before = problems.size();
        String widgetId = text(node, "widgetId", text(node, "siteId", null));
        String sessionId = text(node, "sessionId", null);
        String type = text(node, "eventType", text(node, "type", null));
        // What the browser says about its page is kept, cut to length (platform's BrowserText), never refused.
        String pageUrl = BrowserText.url(text(node, "pageUrl", null));
        String eventId = text(node, "eventId", null);
        String visitorId = text(node, "visitorId", null);
        String callRef = text(node, "callId", text(node, "roomName", text(node, "callRef", null)));
        require(widgetId, at + "widgetId", 100, problems);
        require(sessionId, at + "sessionId", 100, problems);
        if (type == null || !TYPES.contains(type)) {
            problems.add(at + "eventType: must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        limit(eventId, at + "eventId", 100, problems);
        limit(visitorId, at + "visitorId", 100, problems);
        limit(callRef, at + "callId", 100, problems);
        Map<String, Object> metadata = null;
        JsonNode meta = node.get("metadata");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                problems.add(at + "metadata: must be an object");
            } else {
                metadata = mapper.convertValue(fitting((ObjectNode) BrowserText.keep(meta)),
                        new TypeReference<Map<String, Object>>() {
                        });
            }
        }
        Instant now = clock.instant();
        Instant occurredAt = now;
        boolean clamped = false;
        String timestamp = text(node, "timestamp", null);
        if (timestamp != null) {
            try {
                occurredAt = OffsetDateTime.parse(timestamp).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(at + "timestamp: must be an ISO-8601 time like 2026-03-05T15:31:07.412Z");
            }
            if (occurredAt.isAfter(now.plus(config.maxFuture()))) {
                occurredAt = now;
                clamped = true;
            } else if (occurredAt.isBefore(now.minus(config.maxPast()))) {
                occurredAt = now.minus(config.maxPast());
                clamped = true;
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new IncomingEvent(widgetId, sessionId, type, pageUrl, occurredAt, clamped, eventId, visitorId, callRef,
                metadata);
    }

    /**
     * The metadata's fields, in order, as long as they fit {@code max-metadata-bytes} serialized (strings already cut
     * by {@link BrowserText#keep(JsonNode)}); the rest is dropped, the event kept.
     */
    private ObjectNode fitting(ObjectNode metadata) {
        int max = config.maxMetadataBytes();
        if (metadata.toString().length() <= max) {
            return metadata;
        }
        ObjectNode fitting = metadata.objectNode();
        int length = 2; // {}
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            int more = (fitting.isEmpty() ? 0 : 1) + TextNode.valueOf(field.getKey()).toString().length() + 1
                    + field.getValue().toString().length();
            if (length + more <= max) {
                fitting.set(field.getKey(), field.getValue());
                length += more;
            }
        }
        return fitting;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? fallback : value.asText();
    }

    private static void require(String value, String field, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
        } else {
            limit(value, field, max, problems);
        }
    }

    private static void limit(String value, String field, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(field + ": at most " + max + " characters");
        }
    }
}

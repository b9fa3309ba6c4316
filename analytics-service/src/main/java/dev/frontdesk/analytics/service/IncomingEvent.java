package dev.frontdesk.analytics.service;

import java.time.Instant;
import java.util.Map;

/** One widget event as validated, before it is stored. */
public record IncomingEvent(String widgetId, String sessionId, String type, String pageUrl, Instant occurredAt,
        boolean clamped, String eventId, String visitorId, String callRef, Map<String, Object> metadata) {
}

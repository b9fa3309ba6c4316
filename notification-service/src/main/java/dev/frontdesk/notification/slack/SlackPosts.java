package dev.frontdesk.notification.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.model.SlackDestination;
import dev.frontdesk.notification.service.NotificationEvents.BookingChanged;
import dev.frontdesk.notification.service.NotificationEvents.CallUpdated;
import dev.frontdesk.notification.service.NotificationEvents.InviteChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Queues Slack posts for the events an organization chose, as pending deliveries the dispatch job sends (with
 * retries). Without a destination the delivery is recorded as skipped, with the reason. Runs inside the consumer's
 * transaction.
 */
@ApplicationScoped
public class SlackPosts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Optional<String> dashboard;

    public SlackPosts(ObjectMapper mapper, NotificationsConfig config, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
        this.dashboard = config.dashboardUrl().map(url -> url.replaceAll("/+$", ""));
    }

    /** A Slack link to the staff app's page of the thing, if the app's URL is configured. */
    private String link(String path, String id, String label) {
        return dashboard.map(base -> "\n<" + base + "/" + path + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "|" + label + ">").orElse("");
    }

    public Uni<Void> inviteSent(InviteChanged invite) {
        String who = invite.invitedByName() != null ? escape(invite.invitedByName()) : "Staff";
        String text = who + " invited visitor " + escape(invite.visitorId()) + " to a video call";
        return post(invite.org(), SlackEvent.INVITE_SENT, "invite", invite.inviteId(), invite.visitorId(), text,
                "*Video invite sent*\n" + who + " → visitor `" + escape(invite.visitorId()) + "`"
                        + (invite.message() == null ? "" : "\n> " + escape(invite.message()).replace("\n", "\n> "))
                        + link("visitors", invite.visitorId(), "Open visitor"));
    }

    public Uni<Void> callMissed(CallUpdated call) {
        String text = "Missed call " + call.callId() + " from " + escape(call.callerId()) + " to " + escape(call.calleeId());
        return post(call.org(), SlackEvent.CALL_MISSED, "call", call.callId(), null, text,
                "*Missed call*\n" + escape(call.callerId()) + " → " + escape(call.calleeId()) + " (nobody answered)"
                        + link("calls", call.callId(), "Open call"));
    }

    public Uni<Void> bookingCreated(BookingChanged booking) {
        String text = "Session booked: " + names(booking) + when(booking);
        return post(booking.org(), SlackEvent.BOOKING_CREATED, "booking", booking.uid(), null, text,
                "*Session booked*\n" + names(booking) + when(booking)
                        + (booking.title() == null ? "" : "\n" + escape(booking.title()))
                        + link("bookings", booking.uid(), "Open booking"));
    }

    public Uni<Void> bookingCancelled(BookingChanged booking) {
        String text = "Session cancelled: " + names(booking) + when(booking);
        return post(booking.org(), SlackEvent.BOOKING_CANCELLED, "booking", booking.uid(), null, text,
                "*Session cancelled*\n" + names(booking) + when(booking)
                        + (booking.reason() == null ? "" : "\nReason: " + escape(booking.reason()))
                        + link("bookings", booking.uid(), "Open booking"));
    }

    private static String names(BookingChanged booking) {
        return (booking.memberName() == null ? "A member" : escape(booking.memberName()))
                + (booking.hostName() == null ? "" : " with " + escape(booking.hostName()));
    }

    private static String when(BookingChanged booking) {
        return booking.startAt() == null ? "" : ", " + WHEN.format(booking.startAt());
    }

    /**
     * Text from people (names, titles, messages, reasons, ids) in Slack's mrkdwn: {@code &}, {@code <} and {@code >}
     * are control characters there (Slack's "Formatting text for app surfaces"), so a name such as
     * {@code <!channel>} or {@code <https://evil.example|Click>} would become a mention or a disguised link.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private Uni<Void> post(String org, SlackEvent event, String kind, String subjectId, String visitorId, String text,
            String markdown) {
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session.find(SlackDestination.class, org).chain(destination -> {
            if (destination != null && !Arrays.asList(destination.events).contains(event.value())) {
                return Uni.createFrom().voidItem(); // the organization does not want these
            }
            Delivery delivery = Delivery.create(UUID.randomUUID(), org, DeliveryChannel.SLACK, "slack", kind,
                    event.value(), subjectId, now);
            delivery.visitorId = visitorId;
            if (destination == null) {
                delivery.finish(DeliveryStatus.SKIPPED, "slack not configured for this organization", now);
            } else if (destination.brokenReason != null) {
                delivery.finish(DeliveryStatus.SKIPPED, "slack destination broken: " + destination.brokenReason, now);
            } else {
                delivery.dueAt = now;
                delivery.payload = message(text, markdown);
            }
            return session.persist(delivery);
        }));
    }

    private String message(String text, String markdown) {
        try {
            return mapper.writeValueAsString(Map.of("text", text, "blocks", List.of(Map.of("type", "section",
                    "text", Map.of("type", "mrkdwn", "text", markdown)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

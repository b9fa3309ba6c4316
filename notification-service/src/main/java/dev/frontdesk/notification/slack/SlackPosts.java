package dev.frontdesk.notification.slack;

import static dev.frontdesk.notification.slack.SlackMessage.LONG;
import static dev.frontdesk.notification.slack.SlackMessage.SHORT;
import static dev.frontdesk.notification.slack.SlackMessage.text;

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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.model.SlackDestination;
import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationEvents.BookingChanged;
import dev.frontdesk.notification.service.NotificationEvents.CallUpdated;
import dev.frontdesk.notification.service.NotificationEvents.InviteChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Queues Slack posts for the events an organization chose, as pending deliveries the dispatch job sends (with
 * retries). Without a destination the delivery is recorded as skipped, with the reason. Runs inside the consumer's
 * transaction. Every message is built by {@link SlackMessage}: people's text escaped, every size within Slack's limits.
 */
@ApplicationScoped
public class SlackPosts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Optional<String> dashboard;

    @Inject
    public SlackPosts(ObjectMapper mapper, NotificationsConfig config, Clock clock) {
        this(mapper, config.dashboardUrl(), clock);
    }

    /** @param dashboard the staff app's URL ({@code frontdesk.notifications.dashboard-url}) */
    SlackPosts(ObjectMapper mapper, Optional<String> dashboard, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
        this.dashboard = dashboard.map(url -> url.replaceAll("/+$", ""));
    }

    /** A Slack link to the staff app's page of the thing, if the app's URL is configured. */
    private String link(String path, String id, String label) {
        return dashboard.map(base -> "\n<" + base + "/" + path + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "|" + label + ">").orElse("");
    }

    public Uni<Void> inviteSent(InviteChanged invite) {
        return post(invite.org(), SlackEvent.INVITE_SENT, "invite", invite.inviteId(), invite.visitorId(),
                inviteSentMessage(invite));
    }

    /** Names the parties as the directory knows them when call-service sent their names, by id otherwise. */
    public Uni<Void> callMissed(CallUpdated call) {
        return post(call.org(), SlackEvent.CALL_MISSED, "call", call.callId(), null, callMissedMessage(call));
    }

    public Uni<Void> bookingCreated(BookingChanged booking) {
        return post(booking.org(), SlackEvent.BOOKING_CREATED, "booking", booking.uid(), null,
                bookingCreatedMessage(booking));
    }

    public Uni<Void> bookingCancelled(BookingChanged booking) {
        return post(booking.org(), SlackEvent.BOOKING_CANCELLED, "booking", booking.uid(), null,
                bookingCancelledMessage(booking));
    }

    Map<String, Object> inviteSentMessage(InviteChanged invite) {
        String who = invite.invitedByName() != null ? text(invite.invitedByName(), SHORT) : "Staff";
        String visitor = text(invite.visitorId(), SHORT);
        return SlackMessage.payload(who + " invited visitor " + visitor + " to a video call",
                "*Video invite sent*\n" + who + " → visitor `" + visitor + "`"
                        + (invite.message() == null ? "" : "\n> " + text(invite.message(), LONG).replace("\n", "\n> ")),
                link("visitors", invite.visitorId(), "Open visitor"));
    }

    Map<String, Object> callMissedMessage(CallUpdated call) {
        String caller = party(call.callerName(), call.callerId());
        String callee = party(call.calleeName(), call.calleeId());
        return SlackMessage.payload("Missed call " + text(call.callId(), SHORT) + " from " + caller + " to " + callee,
                "*Missed call*\n" + caller + " → " + callee + " (nobody answered)",
                link("calls", call.callId(), "Open call"));
    }

    Map<String, Object> bookingCreatedMessage(BookingChanged booking) {
        return SlackMessage.payload("Session booked: " + names(booking) + when(booking),
                "*Session booked*\n" + names(booking) + when(booking)
                        + (booking.title() == null ? "" : "\n" + text(booking.title(), LONG)),
                link("bookings", booking.uid(), "Open booking"));
    }

    Map<String, Object> bookingCancelledMessage(BookingChanged booking) {
        return SlackMessage.payload("Session cancelled: " + names(booking) + when(booking),
                "*Session cancelled*\n" + names(booking) + when(booking)
                        + (booking.reason() == null ? "" : "\nReason: " + text(booking.reason(), LONG)),
                link("bookings", booking.uid(), "Open booking"));
    }

    private static String party(String name, String id) {
        return name != null && !name.isBlank() ? text(name, SHORT) : id == null ? "someone" : text(id, SHORT);
    }

    /** How many members of a seated booking a post names before saying how many more there are. */
    private static final int SEATS_NAMED = 3;

    /**
     * The members still booked (a seated booking has several: the first three by name, then how many more) and the
     * host.
     */
    private static String names(BookingChanged booking) {
        List<String> members = booking.bookedMembers().stream().map(NotificationEvents.Member::name)
                .filter(name -> name != null && !name.isBlank()).toList();
        String who = members.isEmpty()
                ? (booking.memberName() == null ? "A member" : text(booking.memberName(), SHORT))
                : members.stream().limit(SEATS_NAMED).map(name -> text(name, SHORT)).collect(Collectors.joining(", "))
                        + (members.size() > SEATS_NAMED ? " and " + (members.size() - SEATS_NAMED) + " more" : "");
        return who + (booking.hostName() == null ? "" : " with " + text(booking.hostName(), SHORT));
    }

    private static String when(BookingChanged booking) {
        return booking.startAt() == null ? "" : ", " + WHEN.format(booking.startAt());
    }

    private Uni<Void> post(String org, SlackEvent event, String kind, String subjectId, String visitorId,
            Map<String, Object> message) {
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
                delivery.payload = json(message);
            }
            return session.persist(delivery);
        }));
    }

    private String json(Map<String, Object> message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

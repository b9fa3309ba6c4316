package dev.frontdesk.booking.service;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.RoomStatus;

/** Copies what a Cal.com booking payload (enveloped or flat) says about the session and its host into our booking. */
final class BookingDetails {

    private BookingDetails() {
    }

    /**
     * @param newer the event is at least as new as what the booking holds: its values win; an older event only
     *              fills what is still unknown
     */
    static void fill(Booking booking, CalcomEvent event, boolean newer) {
        JsonNode b = event.booking();
        Long calcomId = b.hasNonNull("bookingId") ? Long.valueOf(b.get("bookingId").asLong())
                : b.path("id").isNumber() ? Long.valueOf(b.get("id").asLong()) : null;
        booking.calcomId = pick(booking.calcomId, calcomId, newer);
        booking.title = pick(booking.title, event.text("title"), newer);
        booking.eventType = pick(booking.eventType, event.text("type"), newer);
        booking.startAt = pick(booking.startAt, event.time("startTime"), newer);
        booking.endAt = pick(booking.endAt, event.time("endTime"), newer);
        booking.location = pick(booking.location, event.text("location"), newer);

        // Enveloped payloads name the host "organizer"; the flat MEETING_* rows name it "user".
        JsonNode host = b.has("organizer") ? b.get("organizer") : b.path("user");
        booking.hostName = pick(booking.hostName, CalcomEvent.text(host, "name"), newer);
        booking.hostEmail = pick(booking.hostEmail, CalcomEvent.text(host, "email"), newer);
        booking.hostTimeZone = pick(booking.hostTimeZone, CalcomEvent.text(host, "timeZone"), newer);

        // The people (members, seats) are the lifecycle's: CalcomEvent.attendees().
        if (b.hasNonNull("seatsPerTimeSlot") && b.get("seatsPerTimeSlot").canConvertToInt()) {
            booking.seatsPerTimeSlot = b.get("seatsPerTimeSlot").asInt();
        }

        calVideo(booking, b);
    }

    /**
     * Cal Video: Cal.com made a Daily room already. Keep it rather than make a second one. The owner token
     * ({@code videoCallData.password}) goes into the host's URL only.
     */
    private static void calVideo(Booking booking, JsonNode b) {
        if (booking.roomSource != null) {
            return;
        }
        JsonNode video = b.path("videoCallData");
        String url = CalcomEvent.text(video, "url");
        String hostUrl = url;
        String roomName = CalcomEvent.text(video, "id");
        if (url != null) {
            String token = CalcomEvent.text(video, "password");
            if (token != null && !token.isBlank()) {
                hostUrl = url + (url.contains("?") ? "&" : "?") + "t=" + token;
            }
        } else if ("integrations:daily".equals(CalcomEvent.text(b, "location"))) {
            url = CalcomEvent.text(b.path("metadata"), "videoCallUrl");
            hostUrl = url;
        }
        if (url == null) {
            return;
        }
        booking.roomSource = Booking.ROOM_FROM_CALCOM;
        booking.roomName = roomName;
        booking.roomUrl = url;
        booking.hostUrl = hostUrl;
        booking.guestUrl = url;
        booking.roomStatus = RoomStatus.ACTIVE;
    }

    private static <T> T pick(T current, T incoming, boolean newer) {
        if (incoming == null) {
            return current;
        }
        return newer || current == null ? incoming : current;
    }
}

package dev.frontdesk.booking.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * A Cal.com webhook body, read leniently. Most triggers wrap the booking in {@code payload}; {@code MEETING_STARTED}
 * and {@code MEETING_ENDED} are the flat booking row (INTEGRATIONS.md §1.3).
 */
public record CalcomEvent(String trigger, String sentAt, Instant sentAtInstant, JsonNode booking) {

    public static CalcomEvent of(JsonNode body) {
        String trigger = text(body, "triggerEvent");
        if (trigger == null) {
            throw new InvalidRequestException("A Cal.com webhook body has a 'triggerEvent'.");
        }
        boolean flat = trigger.startsWith("MEETING_");
        JsonNode booking = flat ? body : body.path("payload");
        if (!booking.isObject()) {
            throw new InvalidRequestException("A " + trigger + " webhook has a 'payload' object.");
        }
        String sentAt = text(body, "createdAt");
        return new CalcomEvent(trigger, sentAt, parseTime("createdAt", sentAt), booking);
    }

    /** The booking uid the event is about ({@code bookingUid} on no-show updates). */
    public String uid() {
        String uid = text(booking, "uid");
        return uid != null ? uid : text(booking, "bookingUid");
    }

    /**
     * A person of the booking as Cal.com lists them in {@code attendees}. {@code key} identifies them within the
     * booking: the lower-cased email, else {@code seat:<seat uid>}.
     */
    public record Attendee(String key, String name, String email, String phone, String timeZone, String seatUid,
            Boolean noShow) {
    }

    /**
     * The attendees this delivery names, with their phones. A seat's {@code BOOKING_CREATED} names the seat's booker
     * and a seat's {@code BOOKING_CANCELLED} only that seat (INTEGRATIONS.md §1.10). Attendees without email or seat
     * uid are no one we can tell apart, and are left out.
     * <p>
     * A phone is read, first found first, from the attendee's {@code phoneNumber}; then, for the booker this delivery
     * is about (the attendee whose email is {@code responses.email}, else the first), from
     * {@code responses.attendeePhoneNumber.value}, {@code smsReminderNumber} and
     * {@code responses.smsReminderNumber.value} (Cal.com's "number for text notifications" field).
     */
    public List<Attendee> attendees() {
        JsonNode responses = booking.path("responses");
        String bookerEmail = text(responses.path("email"), "value");
        List<Attendee> attendees = new ArrayList<>();
        JsonNode listed = booking.path("attendees");
        if (!listed.isArray()) {
            return attendees;
        }
        for (int i = 0; i < listed.size(); i++) {
            JsonNode attendee = listed.get(i);
            if (!attendee.isObject()) {
                continue;
            }
            String email = blankToNull(text(attendee, "email"));
            boolean booker = bookerEmail == null ? i == 0 : bookerEmail.equalsIgnoreCase(email);
            String seatUid = firstText(text(attendee, "seatUid"), text(attendee.path("bookingSeat"), "referenceUid"),
                    booker ? text(booking, "attendeeSeatId") : null, booker ? text(booking, "seatReferenceUid") : null);
            String key = email != null ? email.toLowerCase(Locale.ROOT) : seatUid != null ? "seat:" + seatUid : null;
            if (key == null || attendees.stream().anyMatch(a -> a.key().equals(key))) {
                continue;
            }
            String phone = booker ? firstText(text(attendee, "phoneNumber"),
                    text(responses.path("attendeePhoneNumber"), "value"), text(booking, "smsReminderNumber"),
                    text(responses.path("smsReminderNumber"), "value")) : firstText(text(attendee, "phoneNumber"));
            JsonNode noShow = attendee.get("noShow");
            attendees.add(new Attendee(key, blankToNull(text(attendee, "name")), email, phone,
                    blankToNull(text(attendee, "timeZone")), seatUid,
                    noShow != null && noShow.isBoolean() ? noShow.asBoolean() : null));
        }
        return attendees;
    }

    /**
     * The seat a delivery of a seated event type ({@code seatsPerTimeSlot}) is about: its first attendee's key; null
     * for any other booking. Two seats can be delivered with the same {@code createdAt}.
     */
    public String seat() {
        if (!booking.hasNonNull("seatsPerTimeSlot")) {
            return null;
        }
        List<Attendee> named = attendees();
        return named.isEmpty() ? null : named.get(0).key();
    }

    private static String firstText(String... values) {
        for (String value : values) {
            if (blankToNull(value) != null) {
                return value.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String text(String field) {
        return text(booking, field);
    }

    public Instant time(String field) {
        return parseTime("payload." + field, text(booking, field));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * {@code Z} or {@code +00:00}, with or without millis; a time without an offset is taken as UTC. Years outside
     * 1970–9999 are no booking Cal.com makes (and would overflow the database's timestamps): a 400 naming the field.
     */
    static Instant parseTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                time = LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(field, "'" + field + "' is not a time Cal.com sends.");
            }
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidRequestException(field, "'" + field + "' must be a time from 1970 to 9999.");
        }
        return time;
    }
}

package dev.frontdesk.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.booking.service.CalcomEvent;

/** The booking rules that need no server: the status table, and where a Cal.com payload keeps a member's phone. */
class BookingRulesTest {

    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void aBookingsStatusMovesOnlyForward() {
        // from → every status it may become; all other pairs are refused.
        var table = java.util.Map.of(
                BookingStatus.PENDING, List.of(BookingStatus.CREATED, BookingStatus.CANCELLED, BookingStatus.REJECTED,
                        BookingStatus.RESCHEDULED),
                BookingStatus.CREATED, List.of(BookingStatus.CANCELLED, BookingStatus.RESCHEDULED, BookingStatus.COMPLETED),
                BookingStatus.CANCELLED, List.of(BookingStatus.RESCHEDULED),
                BookingStatus.REJECTED, List.<BookingStatus> of(),
                BookingStatus.RESCHEDULED, List.<BookingStatus> of(),
                BookingStatus.COMPLETED, List.<BookingStatus> of());
        for (BookingStatus from : BookingStatus.values()) {
            for (BookingStatus to : BookingStatus.values()) {
                assertEquals(table.get(from).contains(to), from.canBecome(to), from + " → " + to);
            }
        }
    }

    static Stream<Arguments> phones() {
        return Stream.of(
                Arguments.of("on the attendee", """
                        {"attendees": [{"email": "a@example.org", "phoneNumber": "+14155550001"}],
                         "responses": {"attendeePhoneNumber": {"value": "+14155550002"}}, "smsReminderNumber": "+14155550003"}""",
                        "+14155550001"),
                Arguments.of("in the phone answer", """
                        {"attendees": [{"email": "a@example.org"}],
                         "responses": {"attendeePhoneNumber": {"value": "+14155550002"}}, "smsReminderNumber": "+14155550003"}""",
                        "+14155550002"),
                Arguments.of("only for text notifications", """
                        {"attendees": [{"email": "a@example.org", "phoneNumber": ""}], "smsReminderNumber": "+14155550003"}""",
                        "+14155550003"),
                Arguments.of("only in the answer for text notifications", """
                        {"attendees": [{"email": "a@example.org"}], "smsReminderNumber": null,
                         "responses": {"smsReminderNumber": {"label": "number_text_notifications", "value": "+14155550004"}}}""",
                        "+14155550004"),
                Arguments.of("nowhere", """
                        {"attendees": [{"email": "a@example.org"}], "responses": {}}""", null));
    }

    @ParameterizedTest(name = "a phone {0}")
    @MethodSource("phones")
    void aMembersPhoneIsReadFromEveryPlaceCalcomPutsIt(String where, String payload, String phone) throws Exception {
        CalcomEvent event = CalcomEvent.of(json.readTree("{\"triggerEvent\": \"BOOKING_CREATED\", \"payload\": " + payload + "}"));
        assertEquals(phone, event.attendees().get(0).phone());
    }

    @Test
    void theBookersAnswersAreNotAGuestsAndAttendeesWithoutEmailOrSeatAreNoOne() throws Exception {
        CalcomEvent event = CalcomEvent.of(json.readTree("""
                {"triggerEvent": "BOOKING_CREATED", "payload": {
                  "attendees": [{"email": "Guest@Example.org", "name": "Guest"}, {"email": "booker@example.org"},
                                {"name": "No one"}, {"email": "guest@example.org", "name": "Listed twice"}],
                  "responses": {"email": {"value": "booker@example.org"}, "attendeePhoneNumber": {"value": "+14155550009"}}}}"""));
        assertEquals(List.of("guest@example.org", "booker@example.org"),
                event.attendees().stream().map(CalcomEvent.Attendee::key).toList());
        assertEquals(null, event.attendees().get(0).phone());
        assertEquals("+14155550009", event.attendees().get(1).phone());
    }
}

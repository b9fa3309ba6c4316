package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.TwilioSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Twilio's status callbacks as Twilio sends them (form-encoded, signed with {@code X-Twilio-Signature}), out of
 * order and repeated: the SMS's status only moves forward (queued &lt; sending &lt; sent &lt; undelivered | failed
 * &lt; delivered &lt; read), a repeated or older callback changes nothing, a failure keeps its error code.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SmsStatusCallbackTest {

    private final TestDatabase database = TestDatabase.forSchema("notifications");
    private final String org = "org-" + UUID.randomUUID();

    /** What the SMS shows after the callbacks: delivery status, Twilio's status, error code, last error. */
    record Expected(String status, String providerStatus, Integer errorCode, String lastError) {
    }

    static Stream<Arguments> statusCallbacks() {
        Expected delivered = new Expected("delivered", "delivered", null, null);
        return Stream.of(
                Arguments.of("in order", List.of("sending", "sent", "delivered"), delivered),
                Arguments.of("reversed", List.of("delivered", "sent", "sending"), delivered),
                Arguments.of("each twice", List.of("sent", "sent", "delivered", "delivered"), delivered),
                Arguments.of("sent after sending after queued", List.of("sent", "sending", "queued"),
                        new Expected("sent", "sent", null, null)),
                Arguments.of("queued after sending", List.of("sending", "queued"),
                        new Expected("sent", "sending", null, null)),
                Arguments.of("undelivered, repeated without its code", List.of("sent", "undelivered:30003", "undelivered"),
                        new Expected("failed", "undelivered", 30003, "twilio undelivered 30003")),
                Arguments.of("sent arriving after undelivered", List.of("undelivered:30005", "sent", "sending"),
                        new Expected("failed", "undelivered", 30005, "twilio undelivered 30005")),
                Arguments.of("failed, then undelivered: the first failure stays",
                        List.of("failed:30008", "undelivered:30003"),
                        new Expected("failed", "failed", 30008, "twilio failed 30008")),
                Arguments.of("a late delivery receipt after undelivered", List.of("undelivered:30003", "delivered"),
                        new Expected("delivered", "delivered", 30003, "twilio undelivered 30003")),
                Arguments.of("undelivered after delivered", List.of("delivered", "undelivered:30003", "failed:30008"),
                        delivered),
                Arguments.of("read after delivered", List.of("delivered", "read", "delivered"),
                        new Expected("delivered", "read", null, null)),
                Arguments.of("canceled", List.of("canceled"), new Expected("failed", "canceled", null, "twilio canceled")),
                Arguments.of("statuses of inbound or unknown messages", List.of("receiving", "received", "bogus", ""),
                        new Expected("sent", "queued", null, null)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource
    void statusCallbacks(String name, List<String> callbacks, Expected expected) {
        String sid = sentSms("queued", "sent");
        for (String callback : callbacks) {
            callback(sid, callback);
        }
        assertEquals(expected, state(sid));
    }

    @Test
    void anSmsSentBeforeTwilioStatusesWereKeptNeverMovesBack() {
        String sid = sentSms(null, "delivered"); // a row from before provider_status existed
        callback(sid, "sent");
        assertEquals(new Expected("delivered", null, null, null), state(sid));
        callback(sid, "read");
        assertEquals(new Expected("delivered", "read", null, null), state(sid));
    }

    @Test
    void theDeliveryLogShowsTwilioStatusAndErrorCode() {
        String sid = sentSms("queued", "sent");
        callback(sid, "undelivered:30003");
        given().auth().oauth2(DevTokens.mint(org, "admin-1", "admin")).queryParam("channel", "sms")
                .when().get("/api/notifications/deliveries")
                .then().statusCode(200)
                .body("items.find { it.subjectId == '" + sid + "' }.status", equalTo("failed"))
                .body("items.find { it.subjectId == '" + sid + "' }.providerStatus", equalTo("undelivered"))
                .body("items.find { it.subjectId == '" + sid + "' }.providerErrorCode", equalTo(30003))
                .body("items.find { it.subjectId == '" + sid + "' }.lastError", equalTo("twilio undelivered 30003"));
    }

    @Test
    void aCallbackWithoutItsSignatureIsA400NamingTheHeaderAndChangesNothing() {
        String sid = sentSms("queued", "sent");
        given().contentType("application/x-www-form-urlencoded").formParams(Map.of("MessageSid", sid,
                "MessageStatus", "delivered")).when().post("/webhooks/twilio/status")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Twilio-Signature"));
        assertEquals(new Expected("sent", "queued", null, null), state(sid));
    }

    /** An SMS Twilio accepted (201, SID), as the dispatcher records it; its subject id is the SID, for lookups. */
    private String sentSms(String providerStatus, String status) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        database.execute("""
                INSERT INTO delivery (id, org, channel, recipient, kind, type, subject_id, status, attempts, provider_id,
                                      provider_status, created_at, updated_at)
                VALUES (?::uuid, ?, 'sms', '+14155550123', 'booking', 'pre-session-reminder', ?, ?, 1, ?, ?, now(), now())""",
                UUID.randomUUID().toString(), org, sid, status, sid, providerStatus);
        return sid;
    }

    /** {@code status} or {@code status:errorCode}, with the parameters Twilio sends, signed. */
    private static void callback(String sid, String statusAndCode) {
        String[] parts = statusAndCode.split(":", 2);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsSid", sid);
        form.put("SmsStatus", parts[0]);
        form.put("MessageStatus", parts[0]);
        form.put("To", "+14155550123");
        form.put("MessageSid", sid);
        form.put("AccountSid", NotificationServiceTestResource.TWILIO_SID);
        form.put("From", NotificationServiceTestResource.TWILIO_FROM);
        form.put("ApiVersion", "2010-04-01");
        if (parts.length > 1) {
            form.put("ErrorCode", parts[1]);
        }
        Map<String, List<String>> signed = new LinkedHashMap<>();
        form.forEach((key, value) -> signed.put(key, List.of(value)));
        given().contentType("application/x-www-form-urlencoded").formParams(form)
                .header("X-Twilio-Signature", TwilioSignature.sign(NotificationServiceTestResource.TWILIO_TOKEN,
                        NotificationServiceTestResource.STATUS_CALLBACK, signed))
                .when().post("/webhooks/twilio/status").then().statusCode(204);
    }

    private Expected state(String sid) {
        List<String> row = new ArrayList<>();
        for (String column : List.of("status", "provider_status", "provider_error_code::text", "last_error")) {
            row.add(database.text("SELECT " + column + " FROM delivery WHERE provider_id = ?", sid));
        }
        return new Expected(row.get(0), row.get(1), row.get(2) == null ? null : Integer.valueOf(row.get(2)), row.get(3));
    }
}

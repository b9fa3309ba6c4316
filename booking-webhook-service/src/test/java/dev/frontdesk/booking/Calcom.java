package dev.frontdesk.booking;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.restassured.response.ValidatableResponse;

/** An organization with its own Cal.com webhook URL and secret, and a way to deliver signed fixture bodies to it. */
final class Calcom {

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = DevTokens.mint(org, "admin-1", "admin");
    final String staff = DevTokens.mint(org, "dana", "staff");
    final String url;
    final String secret;

    Calcom() {
        var created = given().auth().oauth2(admin).post("/api/bookings/webhooks").then().statusCode(201).extract();
        url = created.path("url");
        secret = created.path("secret");
    }

    /** Delivers the body as Cal.com does: raw bytes, signed with this endpoint's secret. */
    ValidatableResponse deliver(String body) {
        return deliver(body, sign(secret, body));
    }

    ValidatableResponse deliver(String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header("X-Cal-Signature-256", signature);
        }
        return request.post(url).then();
    }

    static String sign(String secret, String body) {
        return HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A fixture of ../shared/fixtures/calcom, byte for byte. */
    static String fixture(String name) {
        return Fixtures.text("calcom/" + name);
    }

    /** The created fixture for a location that is not Cal Video (we make the room), in two days. */
    static String createdWithoutCalVideo(String uid) {
        return soon(fixture("booking-created.json").replace("qZ3kT8vN2pLm5xWc", uid)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\""));
    }

    /** The day of the created fixture's session, moved to the day after tomorrow. */
    static final String SESSION_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
    /** The day of the rescheduled session, the day after. */
    static final String NEXT_SESSION_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();

    /**
     * The fixtures' sessions (March 2026) are over, and join links need one still to come: the sessions move to the
     * next days. The webhooks' own {@code createdAt} times stay as they are (they order the deliveries).
     */
    static String soon(String body) {
        return body.replace("\"2026-03-05T", "\"" + SESSION_DAY + "T").replace("\"2026-03-06T", "\"" + NEXT_SESSION_DAY + "T");
    }
}

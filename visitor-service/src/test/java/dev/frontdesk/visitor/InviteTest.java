package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.CallServiceStub;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.visitor.invites.InviteExpiryJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class InviteTest {

    private static final CallServiceStub callService = CallServiceStub.instance();

    @Inject
    TestClock clock;

    @Inject
    InviteExpiryJob expiry;

    private final TestDatabase db = TestDatabase.forSchema("visitor");

    @AfterEach
    void reset() {
        clock.reset();
        callService.server.reset();
    }

    private int expireDue() throws Throwable {
        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> expiry.expireDue());
    }

    private static String invite(Widget site, String visitor) {
        return given().auth().oauth2(Widget.staff(site.org())).contentType("application/json")
                .body(Map.of("message", "Can I help?")).post("/api/visitors/" + visitor + "/invites")
                .then().statusCode(201).body("status", equalTo("invited")).extract().path("id");
    }

    @Test
    void anInviteGetsARoomFromCallServiceAndIsPublishedWithoutTheHostUrl() {
        Widget site = Widget.create("org-inv-1", "www.inv1.example");
        String visitor = site.view(null, "/pricing");
        var created = given().auth().oauth2(Widget.staff(site.org())).contentType("application/json")
                .body(Map.of("message", "Can I help?")).post("/api/visitors/" + visitor + "/invites")
                .then().statusCode(201).body("status", equalTo("invited"))
                .body("hostUrl", containsString("owner-token")).body("guestUrl", containsString("guest-token"))
                .body("roomId", startsWith("inv-")).body("invitedBy", equalTo("staff-org-inv-1"))
                .extract().response();
        String id = created.path("id");

        // call-service was asked as a service of this org, host = the staff member, guest = the visitor.
        JsonNode asked = callService.read(callService.server.requests("POST", "/api/rooms").get(0).body());
        assertEquals(created.path("roomId"), asked.path("name").asText());
        assertEquals("staff-org-inv-1", asked.path("host").path("id").asText());
        assertEquals(visitor, asked.path("guest").path("id").asText());

        given().header("X-Org-Key", site.key()).header("Origin", site.origin()).header("X-Visitor-Id", visitor)
                .get("/api/visitors/me/invites").then().statusCode(200).body("id", equalTo(java.util.List.of(id)))
                .body("[0].guestUrl", containsString("guest-token")).body("[0]", not(org.hamcrest.Matchers.hasKey("hostUrl")));
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + visitor).then()
                .body("latestInvite.status", equalTo("invited"));

        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            String sent = KafkaTestClient.value(kafka.await("frontdesk.visitors",
                    KafkaTestClient.event("frontdesk.visitor.invite.sent.v1", visitor), 1, Duration.ofSeconds(30)).get(0));
            assertThat(sent, containsString("\"inviteId\":\"" + id + "\""));
            assertThat(sent, containsString("guest-token"));
            assertThat(sent, not(containsString("owner-token")));
        }
    }

    @Test
    void whenCallServiceIsDownTheAnswerIs503AndNothingIsStored() {
        Widget site = Widget.create("org-inv-2", "www.inv2.example");
        String visitor = site.view(null, "/");
        callService.server.failNext("POST", "/api/rooms", CallServiceStub.DOWN, CallServiceStub.DOWN, CallServiceStub.DOWN);
        given().auth().oauth2(Widget.staff(site.org())).contentType("application/json").body("{}")
                .post("/api/visitors/" + visitor + "/invites").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("nothing was sent"));
        assertEquals(0, db.count("SELECT count(*) FROM invite WHERE org_id = 'org-inv-2'"));
        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE type LIKE '%invite%' AND payload::text LIKE ?",
                "%" + visitor + "%"));
        // Recovered: once the circuit breaker lets requests through again, the next invite goes through.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(Widget.staff(site.org())).contentType("application/json").body("{}")
                        .post("/api/visitors/" + visitor + "/invites").statusCode() == 201);
        assertEquals(1, db.count("SELECT count(*) FROM invite WHERE org_id = 'org-inv-2'"));
    }

    @Test
    void theVisitorAnswersTheirOwnInvitesOnceAndRoomEndCompletesIt() {
        Widget site = Widget.create("org-inv-3", "www.inv3.example");
        String visitor = site.view(null, "/");
        String stranger = site.view(null, "/");
        String first = invite(site, visitor);
        String second = invite(site, visitor);

        site.request(stranger).post("/api/visitors/me/invites/" + first + "/accept").then().statusCode(404);
        Widget.create("org-inv-3b", "www.inv3b.example").request(visitor)
                .post("/api/visitors/me/invites/" + first + "/accept").then().statusCode(404);
        site.request(visitor).post("/api/visitors/me/invites/" + first + "/accept").then().statusCode(200)
                .body("status", equalTo("accepted")).body("guestUrl", containsString("guest-token"));
        site.request(visitor).post("/api/visitors/me/invites/" + first + "/decline").then().statusCode(409)
                .contentType("application/problem+json");
        site.request(visitor).post("/api/visitors/me/invites/" + second + "/decline").then().statusCode(200)
                .body("status", equalTo("declined"));
        given().auth().oauth2(Widget.staff(site.org())).contentType("application/json").body("{}")
                .post("/api/visitors/invites/" + second + "/complete").then().statusCode(409)
                .body("detail", containsString("declined"));

        String room = given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/invites/" + first).then()
                .extract().path("roomId");
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            // A room of the same name that someone else made (names are unique per owner): it completes nothing.
            kafka.publish("frontdesk.calls", "frontdesk.room.ended.v1", room,
                    "{\"roomName\":\"" + room + "\",\"org\":\"" + site.org() + "\",\"roomOwner\":\"user:mallory\","
                            + "\"endedAt\":\"" + java.time.Instant.now() + "\",\"durationSeconds\":1}");
            kafka.publish("frontdesk.calls", "frontdesk.room.ended.v1", room,
                    "{\"roomName\":\"" + room + "\",\"org\":\"" + site.org() + "\",\"roomOwner\":\"service:visitor-service\",\"endedAt\":\"" + java.time.Instant.now() + "\",\"durationSeconds\":754}");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                    "SELECT count(*) FROM invite WHERE id = ?::uuid AND status = 'completed' AND duration_seconds = 754", first) == 1);
            kafka.await("frontdesk.visitors", r -> KafkaTestClient.value(r).contains("\"status\":\"completed\"")
                    && KafkaTestClient.value(r).contains(first), 1, Duration.ofSeconds(30));
        }
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + visitor + "/invites").then()
                .body("", hasSize(2)).body("status", equalTo(java.util.List.of("declined", "completed")));
    }

    @Test
    void unansweredInvitesExpireAndCanBeResentWithTheSameUrls() throws Throwable {
        Widget site = Widget.create("org-inv-4", "www.inv4.example");
        String visitor = site.view(null, "/");
        String id = invite(site, visitor);
        clock.advance(Duration.ofMinutes(3));
        site.request(visitor).post("/api/visitors/me/invites/" + id + "/accept").then().statusCode(409);
        expireDue();
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/invites/" + id).then()
                .body("status", equalTo("expired")).body("expiredAt", notNullValue());
        // A second run (another replica) finds nothing.
        assertEquals(0, expireDue());

        var original = given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/invites/" + id).then().extract().response();
        given().auth().oauth2(Widget.staff(site.org())).post("/api/visitors/invites/" + id + "/resend").then().statusCode(201)
                .body("status", equalTo("invited")).body("resentFrom", equalTo(id))
                .body("guestUrl", equalTo(original.path("guestUrl"))).body("hostUrl", equalTo(original.path("hostUrl")))
                .body("sessionId", equalTo(original.path("sessionId")));
        assertEquals(1, callService.server.requests("POST", "/api/rooms").size());
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.await("frontdesk.visitors", r -> KafkaTestClient.value(r).contains("\"status\":\"expired\"")
                    && KafkaTestClient.value(r).contains(id), 1, Duration.ofSeconds(30));
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.invite.sent.v1", visitor), 2, Duration.ofSeconds(30));
        }
    }

    @Test
    void theSeedRequestShapeRecordsAndMovesAnInvite() {
        Widget site = Widget.create("org-inv-5", "www.inv5.example");
        String visitor = site.view(null, "/");
        String staff = Widget.staff(site.org());
        Map<String, Object> video = Map.of("sessionId", "sess-42", "roomId", "room-42",
                "hostUrl", "https://meet.example/room-42?host", "guestUrl", "https://meet.example/room-42");
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("visitorId", visitor, "videoData", video, "status", "invited"))
                .post("/api/visitors/invites").then().statusCode(200).body("status", equalTo("invited"))
                .body("sessionId", equalTo("sess-42"));
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("visitorId", visitor, "videoData", video, "status", "accepted"))
                .post("/api/visitors/invites").then().statusCode(200).body("status", equalTo("accepted"))
                .body("acceptedAt", notNullValue());
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("visitorId", visitor, "videoData", video, "status", "declined"))
                .post("/api/visitors/invites").then().statusCode(409);
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("visitorId", visitor, "videoData", Map.of("sessionId", "sess-43"), "status", "maybe"))
                .post("/api/visitors/invites").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Widget.staff("org-inv-other")).contentType("application/json")
                .body(Map.of("visitorId", visitor, "videoData", Map.of("sessionId", "s", "roomId", "r",
                        "hostUrl", "https://h.example/", "guestUrl", "https://g.example/")))
                .post("/api/visitors/invites").then().statusCode(404);
        assertEquals(0, callService.server.requests("POST", "/api/rooms").size());
    }

    @Test
    void staffCancelPendingAndCompleteAcceptedInvites() {
        Widget site = Widget.create("org-inv-7", "www.inv7.example");
        String visitor = site.view(null, "/");
        String staff = Widget.staff(site.org());
        String cancelled = invite(site, visitor);
        given().auth().oauth2(staff).post("/api/visitors/invites/" + cancelled + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelledAt", notNullValue());
        site.request(visitor).post("/api/visitors/me/invites/" + cancelled + "/accept").then().statusCode(409);
        given().auth().oauth2(Widget.staff("org-inv-7b")).post("/api/visitors/invites/" + cancelled + "/cancel")
                .then().statusCode(404);

        String done = invite(site, visitor);
        site.request(visitor).post("/api/visitors/me/invites/" + done + "/accept").then().statusCode(200);
        given().auth().oauth2(staff).contentType("application/json").body(Map.of("durationSeconds", 321))
                .post("/api/visitors/invites/" + done + "/complete").then().statusCode(200)
                .body("status", equalTo("completed")).body("durationSeconds", equalTo(321));
        given().auth().oauth2(staff).contentType("application/json").body(Map.of("durationSeconds", -1))
                .post("/api/visitors/invites/" + done + "/complete").then().statusCode(400);
        given().auth().oauth2(staff).post("/api/visitors/invites/" + done + "/resend").then().statusCode(409);
    }

    /** Acceptance counts the visitor's decisions: invites staff withdrew (cancelled, resent) are not one. */
    @Test
    void theAcceptanceRateIsAcceptedOverAcceptedDeclinedAndExpired() throws Throwable {
        Widget site = Widget.create("org-inv-8", "www.inv8.example");
        String staff = Widget.staff(site.org());
        String expired = invite(site, site.view(null, "/"));
        clock.advance(Duration.ofMinutes(3));
        expireDue();
        String a = site.view(null, "/");
        site.request(a).post("/api/visitors/me/invites/" + invite(site, a) + "/accept").then().statusCode(200);
        String b = site.view(null, "/");
        String completed = invite(site, b);
        site.request(b).post("/api/visitors/me/invites/" + completed + "/accept").then().statusCode(200);
        given().auth().oauth2(staff).contentType("application/json").body(Map.of("durationSeconds", 60))
                .post("/api/visitors/invites/" + completed + "/complete").then().statusCode(200);
        String c = site.view(null, "/");
        site.request(c).post("/api/visitors/me/invites/" + invite(site, c) + "/decline").then().statusCode(200);
        given().auth().oauth2(staff).post("/api/visitors/invites/" + invite(site, site.view(null, "/")) + "/cancel")
                .then().statusCode(200);
        // Resent: the original is cancelled by its resend, which is still pending.
        given().auth().oauth2(staff).post("/api/visitors/invites/" + invite(site, site.view(null, "/")) + "/resend")
                .then().statusCode(201);

        given().auth().oauth2(staff).get("/api/visitors/invites/stats").then().statusCode(200)
                .body("period.total", equalTo(7)).body("period.accepted", equalTo(2))
                .body("period.completed", equalTo(1)).body("period.declined", equalTo(1))
                .body("period.expired", equalTo(1)).body("period.cancelled", equalTo(2))
                .body("period.pending", equalTo(1))
                // 2 / (2 + 1 + 1); counting the withdrawn ones as decided would give 2 / 6.
                .body("period.acceptanceRate", equalTo(0.5f));
        assertEquals(1, db.count("SELECT count(*) FROM invite WHERE id = ?::uuid AND status = 'expired'", expired));

        Widget quiet = Widget.create("org-inv-9", "www.inv9.example");
        given().auth().oauth2(Widget.staff(quiet.org())).post("/api/visitors/invites/"
                + invite(quiet, quiet.view(null, "/")) + "/cancel").then().statusCode(200);
        given().auth().oauth2(Widget.staff(quiet.org())).get("/api/visitors/invites/stats").then()
                .body("period.cancelled", equalTo(1)).body("period.acceptanceRate", equalTo(0.0f));
    }

    @Test
    void statsCountThePeriod() {
        Widget site = Widget.create("org-inv-6", "www.inv6.example");
        String staff = Widget.staff(site.org());
        String a = site.view(null, "/");
        String b = site.view(null, "/");
        String c = site.view(null, "/");
        String accepted = invite(site, a);
        clock.advance(Duration.ofSeconds(30));
        site.request(a).post("/api/visitors/me/invites/" + accepted + "/accept").then().statusCode(200);
        String declined = invite(site, b);
        site.request(b).post("/api/visitors/me/invites/" + declined + "/decline").then().statusCode(200);
        invite(site, c); // pending

        var report = given().auth().oauth2(staff).get("/api/visitors/invites/stats").then().statusCode(200)
                .body("period.total", equalTo(3)).body("period.accepted", equalTo(1)).body("period.declined", equalTo(1))
                .body("period.pending", equalTo(1)).body("period.acceptanceRate", equalTo(0.5f))
                .body("sessionsByStatus.accepted", equalTo(1)).body("sessionsByStatus.invited", equalTo(1))
                .body("last24h.total", equalTo(3)).body("pendingNow", equalTo(1))
                .extract().response();
        float median = report.path("period.medianSecondsToAccept");
        assertThat((double) median, org.hamcrest.Matchers.closeTo(30.0, 2.0));
        given().auth().oauth2(staff).queryParam("from", "2020-01-01").queryParam("to", "2020-02-01")
                .get("/api/visitors/invites/stats").then().body("period.total", equalTo(0));
        given().auth().oauth2(staff).queryParam("from", "yesterday").get("/api/visitors/invites/stats").then().statusCode(400);
        given().auth().oauth2(Widget.staff("org-inv-nobody")).get("/api/visitors/invites/stats").then()
                .body("period.total", equalTo(0));
    }
}

package dev.frontdesk.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The completion job and billing, with figures worked out by hand. */
@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class CompletionAndBillingTest {

    private static final String CRON = "Bearer test-cron-secret";
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void onlyRoomsFrontdesksServicesMadeStandForWidgetRoomsInBilling() {
        // Names are unique per owner in call-service: a user's room may share an invite room's name.
        String room = "inv-" + UUID.randomUUID().toString().replace("-", "");
        String marker = room + "-marker";
        // The service's room ends (754 s), then a user's room of that name (1 s), then another room of the service;
        // one key, one partition: once the last is applied, the two before it were too.
        // A browser knows the room by its URL, whose last segment is the provider's name for it.
        String atProvider = room.substring(0, 24) + "-q3x7k2m9pa";
        String usersAtProvider = room.substring(0, 24) + "-zz99zz99zz";
        for (String[] event : List.of(new String[] { room, "service:visitor-service", "754", atProvider },
                new String[] { room, "user:mallory", "1", usersAtProvider },
                new String[] { marker, "service:visitor-service", "60", marker })) {
            kafka.publish("frontdesk.calls", "frontdesk.room.ended.v1", room, """
                    {"roomName": "%s", "org": "org-b", "roomOwner": "%s", "endedAt": "%s", "durationSeconds": %s,
                     "providerRoomName": "%s"}"""
                    .formatted(event[0], event[1], Instant.now(), event[2], event[3]));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Widget.db.count(
                "SELECT count(*) FROM server_call_end WHERE call_ref = ?", marker) == 1);
        assertEquals(1, Widget.db.count(
                "SELECT count(*) FROM server_call_end WHERE call_ref = ? AND duration_seconds = 754", room));
        assertEquals(1, Widget.db.count(
                "SELECT count(*) FROM server_call_end WHERE call_ref = ? AND duration_seconds = 754", atProvider));
        assertEquals(0, Widget.db.count("SELECT count(*) FROM server_call_end WHERE call_ref = ?", usersAtProvider));
    }

    @Test
    void sessionsAreBilledFromTheServersEndTheBeaconOrAnInferredEnd() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // A: the widget's own call_end 10 min 5 s later → 605 s, 11 billable minutes (per-minute ceiling).
        w.send("[" + w.event("call_start", "A", t0) + "," + w.event("call_end", "A", t0.plusSeconds(605)) + "]")
                .statusCode(202);
        // B: no end ever → inferred at start + 30 min → 1800 s, 30 minutes.
        w.send(w.event("call_start", "B", t0.plusSeconds(60))).statusCode(202);
        // C: no end from the widget, but call-service reports the real call: 754 s → 13 minutes; never inferred.
        w.send(w.callStart("C", t0.plusSeconds(120), "call-c-" + w.siteId)).statusCode(202);
        kafka.publish("frontdesk.calls", "frontdesk.call.ended.v1", "call-c-" + w.siteId, """
                {"callId": "call-c-%s", "roomName": "call-room-c", "status": "ENDED", "durationSeconds": 754,
                 "endedAt": "%s"}""".formatted(w.siteId, t0.plusSeconds(120 + 754)));
        await().atMost(Duration.ofSeconds(20)).until(() -> Widget.db.count(
                "SELECT count(*) FROM server_call_end WHERE call_ref = ?", "call-c-" + w.siteId) == 1);
        // D: started 10 minutes ago: too recent to infer anything yet.
        w.send(w.event("call_start", "D", Instant.now().minus(10, ChronoUnit.MINUTES))).statusCode(202);
        long before = w.stored("");

        given().header("Authorization", CRON).post("/api/analytics/jobs/session-completion").then().statusCode(200);
        assertEquals(1, w.stored("source = 'inferred'"), "only B");
        assertEquals(1, w.stored("source = 'inferred' AND session_id = 'B' AND type = 'call_end'"
                + " AND occurred_at = ?", Timestamp.from(t0.plusSeconds(60 + 1800))));
        given().header("Authorization", CRON).post("/api/analytics/jobs/session-completion").then().statusCode(200);
        assertEquals(before + 1, w.stored(""), "a second run adds nothing, and nothing was deleted");

        String staff = DevTokens.mint(w.org, "dana", "staff");
        JsonPath billing = given().auth().oauth2(staff).get("/api/analytics/sites/" + w.siteId + "/billing").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> bySession = new HashMap<>();
        for (Map<String, Object> session : billing.<Map<String, Object>> getList("sessions")) {
            bySession.put((String) session.get("sessionId"), session);
        }
        assertEquals(List.of("beacon", 605, 11), List.of(bySession.get("A").get("source"),
                bySession.get("A").get("durationSeconds"), bySession.get("A").get("billableMinutes")));
        assertEquals(List.of("inferred", 1800, 30), List.of(bySession.get("B").get("source"),
                bySession.get("B").get("durationSeconds"), bySession.get("B").get("billableMinutes")));
        assertEquals(List.of("server", 754, 13), List.of(bySession.get("C").get("source"),
                bySession.get("C").get("durationSeconds"), bySession.get("C").get("billableMinutes")));
        assertEquals("open", bySession.get("D").get("source"));
        assertEquals(3, billing.getInt("billedSessions"));
        assertEquals(54, billing.getInt("billableMinutes"), "11 + 30 + 13");

        String csv = given().auth().oauth2(staff).get("/api/analytics/sites/" + w.siteId + "/billing.csv").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("A," + t0 + "," + t0.plusSeconds(605) + ",605,beacon,11\n"))
                .extract().asString();
        // Read as a spreadsheet reads it, by the header: the total row's cells are under their own columns.
        Map<String, Map<String, String>> rows = csvBySessionId(csv);
        assertEquals(Map.of("session_id", "total", "start", "", "end", "", "duration_seconds", String.valueOf(605 + 1800 + 754),
                "source", "", "billable_minutes", "54"), rows.get("total"));
        assertEquals("beacon", rows.get("A").get("source"));
        assertEquals(5, rows.size(), "A, B, C, D and the total");

        // 25 minutes on, D is 35 minutes old: the next run infers its end, once. (The scheduled run, a minute after
        // start on the same moved clock, may be the one that does, as another replica's would: count the rows.)
        clock.advance(Duration.ofMinutes(25));
        given().header("Authorization", CRON).post("/api/analytics/jobs/session-completion").then().statusCode(200);
        assertEquals(2, w.stored("source = 'inferred'"));
        given().header("Authorization", CRON).post("/api/analytics/jobs/session-completion").then().statusCode(200)
                .body("inferred", equalTo(0));
    }

    /** Rows of a CSV with a header and no quoted cells, each as column → cell, by their first cell. */
    private static Map<String, Map<String, String>> csvBySessionId(String csv) {
        String[] lines = csv.split("\n");
        String[] header = lines[0].split(",", -1);
        assertEquals(List.of("session_id", "start", "end", "duration_seconds", "source", "billable_minutes"),
                List.of(header));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(header.length, cells.length, "cells of row " + lines[i]);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    @Test
    void theDailySummaryCountsWhatTheWidgetsDid() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        w.send("[" + w.event("widget_load", "A", at) + "," + w.event("widget_load", "B", at) + ","
                + w.event("widget_open", "A", at) + "," + w.event("call_start", "A", at) + ","
                + w.event("call_end", "A", at.plusSeconds(60)) + "," + w.event("call_start", "B", at) + ","
                + w.event("call_error", "B", at.plusSeconds(5)) + "]").statusCode(202);
        given().header("Origin", "https://shop.example.com").header("User-Agent", "Googlebot/2.1")
                .contentType("application/json").body(w.event("widget_load", "bot", at))
                .post("/api/analytics/events").then().statusCode(202);

        JsonPath days = given().auth().oauth2(DevTokens.mint(w.org, "alice", "admin"))
                .get("/api/analytics/sites/" + w.siteId + "/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 1, 2, 1, 1, 1), List.of(sum(days, "loads"), sum(days, "opens"), sum(days, "callsStarted"),
                sum(days, "callsCompleted"), sum(days, "errors"), sum(days, "filteredBots")));
    }

    /**
     * Bots are counted on the day they were received, events on the day they happened: just after midnight (UTC) an
     * event of an hour ago is yesterday's, a bot received now is today's, and the summary up to now shows both.
     */
    @Test
    void botsReceivedTodayAreInTheSummaryUpToNow() {
        Instant now = clock.instant();
        Instant nextMidnight = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        clock.advance(Duration.between(now, nextMidnight).plusMinutes(10));
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS);
        w.send("[" + w.event("widget_load", "A", at) + "]").statusCode(202);
        given().header("Origin", "https://shop.example.com").header("User-Agent", "Googlebot/2.1")
                .contentType("application/json").body(w.event("widget_load", "bot", at))
                .post("/api/analytics/events").then().statusCode(202);

        JsonPath days = given().auth().oauth2(DevTokens.mint(w.org, "alice", "admin"))
                .get("/api/analytics/sites/" + w.siteId + "/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 1), List.of(sum(days, "loads"), sum(days, "filteredBots")),
                "yesterday's load and today's bot");
    }

    @Test
    void reportsAndTheTriggerAreGuarded() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        given().auth().oauth2(DevTokens.mint("someone-else", "eve", "admin"))
                .get("/api/analytics/sites/" + w.siteId + "/billing").then().statusCode(404);
        given().auth().oauth2(DevTokens.mint(w.org, "sam", "client"))
                .get("/api/analytics/sites/" + w.siteId + "/billing").then().statusCode(403);
        given().get("/api/analytics/sites/" + w.siteId + "/billing").then().statusCode(401);
        given().auth().oauth2(DevTokens.mint(w.org, "dana", "staff")).queryParam("from", "tomorrow")
                .get("/api/analytics/sites/" + w.siteId + "/billing").then().statusCode(400);

        given().post("/api/analytics/jobs/session-completion").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/api/analytics/jobs/session-completion").then()
                .statusCode(401);
        given().header("Authorization", CRON).get("/api/analytics/jobs/session-completion").then().statusCode(405);
    }

    private static int sum(JsonPath days, String field) {
        return days.<Integer> getList(field).stream().mapToInt(Integer::intValue).sum();
    }
}

package dev.frontdesk.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The widget's socket and the staff dashboard's view of visitors and invites. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class VisitorSocketTest {

    @TestHTTPResource
    URI base;

    private final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private final TestDatabase database = TestDatabase.forSchema("notifications");
    private final String org = "org-" + UUID.randomUUID();
    private final String siteId = UUID.randomUUID().toString();
    private final String key = "pk_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void site() {
        SocketWarmUp.awaitFanOut(base);
        kafka.publish("frontdesk.sites", "frontdesk.site.upserted.v1", siteId, """
                {"siteId": "%s", "org": "%s", "publishableKey": "%s", "allowedDomains": ["shop.example.com"],
                 "active": true, "demo": false, "updatedAt": "%s"}""".formatted(siteId, org, key, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM site WHERE id = ?::uuid",
                siteId) == 1);
    }

    @Test
    void theVisitorGetsTheInviteAndItsEndWhileStaffFollowEveryChange() {
        String visitorId = "v_" + UUID.randomUUID();
        String inviteId = UUID.randomUUID().toString();
        String otherSite = UUID.randomUUID().toString();
        try (Sockets widget = Sockets.visitor(base, "key=" + key + "&visitorId=" + visitorId, "https://shop.example.com");
                Sockets staff = Sockets.user(base, DevTokens.mint(org, "staff-" + UUID.randomUUID(), "staff"), null);
                Sockets client = Sockets.user(base, DevTokens.mint(org, "client-" + UUID.randomUUID(), "client"), null);
                Sockets otherOrgStaff = Sockets.user(base, DevTokens.mint("other-" + org, "staff-x", "staff"), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> database.count(
                    "SELECT count(*) FROM socket WHERE org = ? AND subject = ?", org, visitorId) == 1);

            invite("visitor.invite.sent", inviteId, visitorId, siteId, "invited");
            JsonNode invite = widget.await("video-invite", "inviteId", inviteId);
            assertEquals("https://meet.jit.si/fd-x", invite.path("payload").path("guestUrl").asText());
            assertEquals("Ann Host", invite.path("payload").path("invitedByName").asText());
            assertEquals("invited", staff.await("invite-updated", "inviteId", inviteId).path("payload").path("status").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> database.count("SELECT count(*) FROM delivery WHERE "
                    + "subject_id = ? AND type = 'video-invite' AND status = 'delivered'", inviteId) == 1);

            // The same visitor id under another site's invite never reaches this widget.
            String foreign = UUID.randomUUID().toString();
            invite("visitor.invite.sent", foreign, visitorId, otherSite, "invited");
            invite("visitor.invite.updated", inviteId, visitorId, siteId, "expired");
            assertEquals("expired", widget.await("invite-updated", "inviteId", inviteId).path("payload").path("status").asText());
            assertNull(widget.find("video-invite", "inviteId", foreign));

            // A page view: staff of the org see the visitor live; clients and other orgs do not.
            kafka.publish("frontdesk.visitors", "frontdesk.visitor.seen.v1", visitorId, """
                    {"visitorId": "%s", "org": "%s", "siteId": "%s", "state": "active", "currentUrl": "https://shop.example.com/pricing",
                     "currentTitle": "Pricing", "visitPageViews": 3, "returning": true}""".formatted(visitorId, org, siteId));
            JsonNode activity = staff.await("visitor-activity", "visitorId", visitorId);
            assertEquals("https://shop.example.com/pricing", activity.path("payload").path("currentUrl").asText());
            assertEquals(true, activity.path("id").asText().startsWith("live-"));
            assertNull(client.find("visitor-activity", "visitorId", visitorId));
            assertNull(otherOrgStaff.find("visitor-activity", "visitorId", visitorId));
            assertNull(otherOrgStaff.find("invite-updated", "inviteId", inviteId));
        }

        // GDPR: the erased visitor's deliveries and replayable notifications go.
        kafka.publish("frontdesk.visitors", "frontdesk.visitor.erased.v1", visitorId, """
                {"visitorId": "%s", "org": "%s"}""".formatted(visitorId, org));
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "SELECT count(*) FROM delivery WHERE visitor_id = ?", visitorId) == 0
                && database.count("SELECT count(*) FROM notification WHERE visitor_id = ?", visitorId) == 0);
    }

    @Test
    void aWidgetSocketNeedsAKnownActiveSiteItsOriginAndAWellFormedVisitorId() {
        String visitorId = "v_" + UUID.randomUUID();
        assertEquals(401, Sockets.refusal(Sockets.options(base, "/ws/visitor?visitorId=" + visitorId)));
        assertEquals(401, Sockets.refusal(Sockets.options(base, "/ws/visitor?key=pk_unknown&visitorId=" + visitorId)
                .addHeader("Origin", "https://shop.example.com")));
        assertEquals(403, Sockets.refusal(Sockets.options(base, "/ws/visitor?key=" + key + "&visitorId=" + visitorId)
                .addHeader("Origin", "https://evil.example.net")));
        assertEquals(400, Sockets.refusal(Sockets.options(base, "/ws/visitor?key=" + key + "&visitorId=12")
                .addHeader("Origin", "https://shop.example.com")));
    }

    @Test
    void anInviteThatExpiredBeforeItsEventArrivedNeverShows() {
        String visitorId = "v_" + UUID.randomUUID();
        String expired = UUID.randomUUID().toString();
        String open = UUID.randomUUID().toString();
        try (Sockets widget = Sockets.visitor(base, "key=" + key + "&visitorId=" + visitorId, "https://shop.example.com")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> database.count(
                    "SELECT count(*) FROM socket WHERE org = ? AND subject = ?", org, visitorId) == 1);
            invite("visitor.invite.sent", expired, visitorId, siteId, "invited", Instant.now().minusSeconds(1));
            invite("visitor.invite.sent", open, visitorId, siteId, "invited", Instant.now().plusSeconds(120));
            // One visitor's frames keep their order: the open invite showing means the expired one was passed over.
            widget.await("video-invite", "inviteId", open);
            assertNull(widget.find("video-invite", "inviteId", expired));
        }
    }

    private void invite(String type, String inviteId, String visitorId, String site, String status) {
        invite(type, inviteId, visitorId, site, status, Instant.now().plusSeconds(120));
    }

    private void invite(String type, String inviteId, String visitorId, String site, String status, Instant expiresAt) {
        kafka.publish("frontdesk.visitors", "frontdesk." + type + ".v1", visitorId, """
                {"inviteId": "%s", "visitorId": "%s", "org": "%s", "siteId": "%s", "sessionId": "s-1",
                 "guestUrl": "https://meet.jit.si/fd-x", "status": "%s", "invitedBy": "staff-1",
                 "invitedByName": "Ann Host", "message": "Can I help?", "invitedAt": "%s", "expiresAt": "%s",
                 "changedAt": "%s"}""".formatted(inviteId, visitorId, org, site, status, Instant.now(), expiresAt,
                Instant.now()));
    }
}

package dev.frontdesk.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.frontdesk.local.LocalStack;
import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * visitor-service, call-service and booking-webhook-service as packaged, started by the local stack's launcher with
 * configuration as an operator writes it for production: users' tokens from an identity provider (its own key, a JWKS
 * URL, Frontdesk's audience), service tokens from Frontdesk's own issuer with a key pair of its own, and no
 * development key or secret anywhere.
 */
@Order(2)
class ProductionAuthSystemTest {

    @TempDir
    static Path directory;

    private static LocalStack stack;
    private static IdentityProvider idp;
    private static final Map<String, String> WITHOUT_SECRETS_LOG = new HashMap<>();
    private static final Map<String, Integer> WITHOUT_SECRETS_EXIT = new HashMap<>();
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
    private static final String JOIN_SECRET = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        Path home = Path.of(System.getProperty("user.dir")).getParent();
        stack = new LocalStack(LocalStack.Layout.onFreePorts(home, directory));
        stack.startInfrastructure();
        idp = new IdentityProvider();

        // First, as an operator who forgot the keys and secrets: the services must not start.
        for (String name : List.of("call-service", "booking-webhook-service")) {
            stack.startService(LocalStack.service(name), Map.of());
        }
        for (String name : List.of("call-service", "booking-webhook-service")) {
            Process careless = stack.process(LocalStack.service(name));
            assertTrue(careless.waitFor(90, TimeUnit.SECONDS), name + " started without its keys and secrets");
            WITHOUT_SECRETS_EXIT.put(name, careless.exitValue());
            WITHOUT_SECRETS_LOG.put(name, Files.readString(stack.logOf(LocalStack.service(name))));
        }

        Map<String, String> production = productionSettings();
        for (String name : List.of("call-service", "visitor-service", "booking-webhook-service")) {
            stack.startService(LocalStack.service(name), production);
        }
        stack.startGateway();
        stack.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static Map<String, String> productionSettings() throws Exception {
        KeyPair serviceKeys = IdentityProvider.rsa();
        Path privateKey = directory.resolve("service-tokens/privateKey.pem");
        Path publicKey = directory.resolve("service-tokens/publicKey.pem");
        Files.createDirectories(privateKey.getParent());
        Files.writeString(privateKey, pem("PRIVATE KEY", serviceKeys.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", serviceKeys.getPublic().getEncoded()));
        Map<String, String> settings = new HashMap<>();
        settings.put("MP_JWT_VERIFY_ISSUER", IdentityProvider.ISSUER);
        settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", idp.jwksUrl());
        settings.put("MP_JWT_VERIFY_AUDIENCES", "frontdesk");
        settings.put("FRONTDESK_SERVICE_TOKENS_VERIFY_KEY_LOCATION", publicKey.toString());
        settings.put("FRONTDESK_SERVICE_TOKENS_SIGN_KEY_LOCATION", privateKey.toString());
        settings.put("FRONTDESK_BOOKINGS_JOIN_LINK_SECRET", JOIN_SECRET);
        byte[] secretsKey = new byte[32];
        new java.security.SecureRandom().nextBytes(secretsKey);
        settings.put("FRONTDESK_SECRETS_KEY", Base64.getEncoder().encodeToString(secretsKey));
        return settings;
    }

    @Test
    void aServiceWithoutItsKeysAndSecretsRefusesToStartAndSaysWhatIsMissing() {
        assertTrue(WITHOUT_SECRETS_EXIT.get("call-service") != 0);
        String calls = WITHOUT_SECRETS_LOG.get("call-service");
        assertTrue(calls.contains("Refusing to start without MP_JWT_VERIFY_ISSUER"), calls);
        assertTrue(calls.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), calls);
        assertTrue(WITHOUT_SECRETS_EXIT.get("booking-webhook-service") != 0);
        String bookings = WITHOUT_SECRETS_LOG.get("booking-webhook-service");
        assertTrue(bookings.contains("frontdesk.bookings.join-link-secret"), bookings);
    }

    @Test
    void aStaffInviteGetsItsRoomFromCallServiceWithAServiceToken() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var site = given().auth().oauth2(idp.token(org, "ada", "admin")).contentType("application/json")
                .body(Map.of("name", "Shop", "allowedDomains", List.of("shop.example.com")))
                .post(url("/api/sites")).then().statusCode(201).extract();
        String visitor = given().header("X-Org-Key", (String) site.path("site.publishableKey"))
                .header("Origin", "https://shop.example.com").header("User-Agent", BROWSER).contentType("application/json")
                .body(Map.of("type", "page_view", "url", "https://shop.example.com/pricing", "title", "Pricing"))
                .post(url("/api/visitors/track")).then().statusCode(200).extract().path("visitorId");

        var invite = given().auth().oauth2(idp.token(org, "sam", "staff")).contentType("application/json")
                .body(Map.of("message", "Can I help?")).post(url("/api/visitors/" + visitor + "/invites"))
                .then().log().ifValidationFails().statusCode(201).body("status", equalTo("invited"))
                .body("roomId", startsWith("inv-")).extract();
        String room = invite.path("roomId");
        assertTrue(invite.<String>path("hostUrl").contains(room.substring(0, 24) + "-"), invite.asString());
        // The room is visitor-service's: staff reach it through the invite, not the rooms API.
        given().auth().oauth2(idp.token(org, "sam", "staff")).get(url("/api/rooms/" + room))
                .then().statusCode(404);
        given().auth().oauth2(idp.token(org, "tom", "staff"))
                .get(url("/api/visitors/invites/" + invite.path("id")))
                .then().statusCode(200).body("hostUrl", nullValue());
    }

    @Test
    void aCalcomBookingGetsItsRoomFromCallServiceWithAServiceToken() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = idp.token(org, "ada", "admin");
        var webhook = given().auth().oauth2(admin).post(url("/api/bookings/webhooks"))
                .then().statusCode(201).extract();
        String secret = webhook.path("secret");
        String path = java.net.URI.create(webhook.<String>path("url")).getPath();
        String uid = "sys" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String body = booking(uid);
        given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-Cal-Signature-256", HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8)))
                .post(url(path)).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> given()
                .auth().oauth2(admin).get(url("/api/bookings/" + uid)).then()
                .statusCode(200).body("booking.roomStatus", equalTo("ACTIVE")));
    }

    @Test
    void aUserCannotPassForAServiceNorUseATokenIssuedToAnotherApplication() {
        String forgedService = idp.sign(IdentityProvider.claims("org-victim", "mallory", Set.of("service"))
                .audience(Set.of("frontdesk", "call-service")));
        given().auth().oauth2(forgedService).contentType("application/json").body(Map.of("name", "bk-victim"))
                .post(url("/api/rooms")).then().statusCode(401);
        // The services' issuer name in a token the identity provider signed: still the provider's key, refused.
        String servicesIssuer = idp.sign(Jwt.issuer("urn:frontdesk:services").subject("mallory").audience("call-service")
                .groups(Set.of("service")).claim("org", "org-victim").expiresIn(Duration.ofMinutes(5)));
        given().auth().oauth2(servicesIssuer).contentType("application/json").body(Map.of("name", "bk-victim"))
                .post(url("/api/rooms")).then().statusCode(401);
        // An admin of another application of the same identity provider.
        String otherApp = idp.sign(IdentityProvider.claims("org-victim", "mallory", Set.of("admin")).audience("crm"));
        given().auth().oauth2(otherApp).get(url("/api/sites")).then().statusCode(401);
        given().auth().oauth2(idp.token("org-victim", "ada", "admin")).get(url("/api/sites"))
                .then().statusCode(200);
    }

    @Test
    void theDevelopmentKeyAndJoinLinkSecretOpenNothing() {
        String devToken = dev.frontdesk.platform.testing.DevTokens.mint("org-victim", "mallory", "admin");
        given().auth().oauth2(devToken).get(url("/api/sites")).then().statusCode(401);
        given().auth().oauth2(devToken).get(url("/api/bookings/any-uid")).then().statusCode(401);

        long expires = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        String forged = HmacSha256.hex("frontdesk-local-join-links-not-for-production".getBytes(StandardCharsets.UTF_8),
                ("org-victim\nany-uid\nmember\n" + expires).getBytes(StandardCharsets.UTF_8));
        given().contentType("application/json")
                .body(Map.of("org", "org-victim", "expires", expires, "signature", forged))
                .post(url("/api/bookings/any-uid/join/member")).then().statusCode(403);
    }

    /** Through the gateway, as every client. */
    private static String url(String path) {
        return "http://localhost:" + stack.layout().gatewayPort() + path;
    }

    /** Cal.com's BOOKING_CREATED fixture for a session the day after tomorrow, at a location we make rooms for. */
    private static String booking(String uid) {
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        return Fixtures.text("calcom/booking-created.json").replace("qZ3kT8vN2pLm5xWc", uid)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"")
                .replace("\"2026-03-05T", "\"" + day + "T");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}

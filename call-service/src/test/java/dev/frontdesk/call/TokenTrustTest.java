package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.frontdesk.platform.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Which tokens call-service believes, seen through {@code POST /api/rooms} (open to every role, so only the token
 * decides): users' tokens of the identity provider with Frontdesk's audience and no {@code service} group, and
 * service tokens of Frontdesk's own issuer, signed with the services' key, for call-service, short-lived.
 */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class TokenTrustTest {

    private static final String USER_KEY = DevTokens.PRIVATE_KEY;
    private static final String SERVICE_KEY = DevTokens.SERVICE_PRIVATE_KEY;

    static Stream<Arguments> tokens() {
        return Stream.of(
                Arguments.of("a staff member's token", 201, sign(user("staff"), USER_KEY)),
                Arguments.of("a service token for call-service", 201, sign(service("call-service"), SERVICE_KEY)),
                Arguments.of("a user's token claiming the service group", 401, sign(user("service"), USER_KEY)),
                Arguments.of("a user's token claiming staff and service", 401,
                        sign(user("staff").groups(Set.of("staff", "service")), USER_KEY)),
                Arguments.of("a token the provider issued to another application", 401,
                        sign(user("admin").audience("another-app"), USER_KEY)),
                Arguments.of("a user's token without an audience", 401, sign(without(user("staff"), "aud"), USER_KEY)),
                Arguments.of("a user's token signed with the services' key", 401, sign(user("staff"), SERVICE_KEY)),
                Arguments.of("a service token for another service", 401,
                        sign(service("notification-service"), SERVICE_KEY)),
                Arguments.of("a service token signed with the identity provider's key", 401,
                        sign(service("call-service"), USER_KEY)),
                Arguments.of("a service token under the users' issuer", 401,
                        sign(service("call-service").issuer(DevTokens.ISSUER).audience("frontdesk"), SERVICE_KEY)),
                Arguments.of("a service token valid for a day", 401,
                        sign(service("call-service").expiresIn(Duration.ofDays(1)), SERVICE_KEY)),
                Arguments.of("a service token naming no org", 401, sign(without(service("call-service"), "org"), SERVICE_KEY)),
                Arguments.of("a service token with an admin group too", 401,
                        sign(service("call-service").groups(Set.of("service", "admin")), SERVICE_KEY)),
                Arguments.of("a user's token whose org is a number", 401, sign(user("staff").claim("org", 123), USER_KEY)),
                Arguments.of("a user's token whose org is an array", 401,
                        sign(user("staff").claim("org", java.util.List.of("org-a", "org-b")), USER_KEY)),
                Arguments.of("a user's token without a subject", 401, sign(without(user("staff"), "sub"), USER_KEY)),
                Arguments.of("a user's token valid for a year", 401,
                        sign(user("staff").expiresIn(Duration.ofDays(365)), USER_KEY)),
                Arguments.of("an expired user's token", 401, sign(user("staff").expiresAt(
                        java.time.Instant.now().minus(Duration.ofHours(1))), USER_KEY)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("tokens")
    void onlyTheTrustedIssuersTokensForThisServiceAreBelieved(String token, int status, String jwt) {
        var answer = given().auth().oauth2(jwt).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(status);
        if (status == 401) {
            answer.contentType("application/problem+json").body("status", equalTo(401));
        } else {
            answer.body("provider", equalTo("jitsi"));
        }
    }

    private static JwtClaimsBuilder user(String group) {
        return Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("u-1").groups(Set.of(group))
                .claim("org", "org-trust").expiresIn(Duration.ofMinutes(5));
    }

    private static JwtClaimsBuilder service(String audience) {
        return Jwt.issuer(DevTokens.SERVICE_ISSUER).audience(audience).subject("booking-webhook-service")
                .groups(Set.of("service")).claim("org", "org-trust").expiresIn(Duration.ofMinutes(5));
    }

    private static JwtClaimsBuilder without(JwtClaimsBuilder claims, String claim) {
        return claims.remove(claim);
    }

    private static String sign(JwtClaimsBuilder claims, String key) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }
}

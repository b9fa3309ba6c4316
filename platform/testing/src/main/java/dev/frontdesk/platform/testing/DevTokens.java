package dev.frontdesk.platform.testing;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Mints RS256 tokens signed with the development key that the local stack and the tests trust.
 * Never configure that key in production: its private half is public in this repository.
 */
public final class DevTokens {

    public static final String ISSUER = "https://frontdesk.dev/local";
    /** The audience Frontdesk's services require of users' tokens ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "frontdesk";
    /** Classpath location of the development identity provider's signing key (users' tokens). */
    public static final String PRIVATE_KEY = "frontdesk/dev-jwt/privateKey.pem";
    /** Classpath location of the development key of Frontdesk's own services (service tokens). */
    public static final String SERVICE_PRIVATE_KEY = "frontdesk/dev-service-jwt/privateKey.pem";
    /** The issuer of service tokens ({@code frontdesk.service-tokens.issuer}). */
    public static final String SERVICE_ISSUER = "urn:frontdesk:services";

    private DevTokens() {
    }

    public static String mint(String org, String subject, String role, Duration validity) {
        return mint(org, subject, role, validity, subject);
    }

    /** A token whose {@code name} claim (shown to others: "Sam Reyes invites you…") is {@code name}. */
    public static String mint(String org, String subject, String role, Duration validity, String name) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .claim("org", org)
                .claim("name", name)
                .expiresIn(validity)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).keyId("frontdesk-dev")
                .sign(PRIVATE_KEY);
    }

    public static String mint(String org, String subject, String role) {
        return mint(org, subject, role, Duration.ofHours(1));
    }

    /** A service token, as {@code ServiceTokens} mints it: {@code service} calling {@code audience} for {@code org}. */
    public static String service(String org, String service, String audience) {
        return Jwt.issuer(SERVICE_ISSUER)
                .audience(audience)
                .subject(service)
                .groups(Set.of("service"))
                .claim("org", org)
                .expiresIn(Duration.ofMinutes(5))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(SERVICE_PRIVATE_KEY);
    }
}

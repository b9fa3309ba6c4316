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
    /** Classpath location of the development signing key. */
    public static final String PRIVATE_KEY = "frontdesk/dev-jwt/privateKey.pem";

    private DevTokens() {
    }

    public static String mint(String org, String subject, String role, Duration validity) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .claim("org", org)
                .claim("name", subject)
                .expiresIn(validity)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).keyId("frontdesk-dev")
                .sign(PRIVATE_KEY);
    }

    public static String mint(String org, String subject, String role) {
        return mint(org, subject, role, Duration.ofHours(1));
    }
}

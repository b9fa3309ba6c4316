package dev.frontdesk.platform.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The second issuer every service trusts: Frontdesk's own services, calling each other on their own behalf. It is
 * not the identity provider of the users, so a user can never obtain a token of it, whatever groups their provider
 * puts in their tokens.
 * <p>
 * The callers (visitor-service and booking-webhook-service, which ask call-service for rooms) sign with
 * {@code sign-key-location}; every service verifies with {@code verify-key-location} (a PEM public key or a JWKS,
 * file, classpath or URL, as {@code mp.jwt.verify.publickey.location}). In Kubernetes both come from the Secret
 * {@code frontdesk-service-tokens}.
 */
@ConfigMapping(prefix = "frontdesk.service-tokens")
public interface ServiceTokensConfig {

    /** The {@code iss} of service tokens; never the identity provider's issuer. */
    @WithDefault("urn:frontdesk:services")
    String issuer();

    /** The public key (PEM, JWK or JWKS) that service tokens are verified with; without it none is accepted. */
    Optional<String> verifyKeyLocation();

    /** The private key (PKCS#8 PEM) this service signs its service tokens with; only callers need it. */
    Optional<String> signKeyLocation();

    /** How long a service token is valid; a caller renews it a little before. */
    @WithDefault("5M")
    Duration lifetime();
}

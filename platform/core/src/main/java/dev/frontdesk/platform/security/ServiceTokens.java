package dev.frontdesk.platform.security;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens a service presents to another on its own behalf, e.g. booking-webhook-service asking call-service for
 * a room when a Cal.com webhook arrives and no user is involved: issuer {@link ServiceTokensConfig#issuer()}, audience
 * the called service ({@code call-service}), group {@code service}, scoped to one {@code org}, signed with
 * {@link ServiceTokensConfig#signKeyLocation()} (RS256). Cached per audience and org until shortly before they expire.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant expiresAt) {
    }

    private final Map<String, Minted> minted = new ConcurrentHashMap<>();
    private final ServiceTokensConfig config;
    private final String service;

    public ServiceTokens(ServiceTokensConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.service = service;
    }

    /**
     * A token for calling {@code audience} (a service's {@code quarkus.application.name}) on behalf of {@code org}.
     *
     * @throws IllegalStateException when this service has no signing key configured
     */
    public String forCall(String audience, String org) {
        String key = config.signKeyLocation().orElseThrow(() -> new IllegalStateException(
                "No frontdesk.service-tokens.sign-key-location: this service cannot call " + audience));
        // Wall-clock time, not the injectable Clock: the receiver checks iat/exp against its own real clock.
        Instant now = Instant.now();
        Minted current = minted.get(audience + '\n' + org);
        if (current == null || current.expiresAt().minus(config.lifetime().dividedBy(5)).isBefore(now)) {
            Instant expiresAt = now.plus(config.lifetime());
            current = new Minted(Jwt.issuer(config.issuer())
                    .audience(audience)
                    .subject(service)
                    .groups(Set.of(Roles.SERVICE))
                    .claim("org", org)
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .jws().algorithm(SignatureAlgorithm.RS256)
                    .sign(key), expiresAt);
            minted.put(audience + '\n' + org, current);
        }
        return current.token();
    }
}

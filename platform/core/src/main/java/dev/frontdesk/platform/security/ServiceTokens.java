package dev.frontdesk.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens a service presents to another on its own behalf (group {@code service}, scoped to one org), e.g.
 * booking-webhook-service asking call-service for a room when a Cal.com webhook arrives and no user is involved.
 * Signed with {@code smallrye.jwt.sign.key.location}; cached per org until shortly before they expire.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private record Minted(String token, Instant expiresAt) {
    }

    private final Map<String, Minted> byOrg = new ConcurrentHashMap<>();
    private final String issuer;
    private final String service;

    public ServiceTokens(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.issuer = issuer;
        this.service = service;
    }

    public String forOrg(String org) {
        // Wall-clock time, not the injectable Clock: the receiver checks iat/exp against its own real clock.
        Instant now = Instant.now();
        Minted minted = byOrg.get(org);
        if (minted == null || minted.expiresAt().minus(RENEW_BEFORE).isBefore(now)) {
            Instant expiresAt = now.plus(LIFETIME);
            minted = new Minted(Jwt.issuer(issuer)
                    .subject(service)
                    .groups(Set.of(Roles.SERVICE))
                    .claim("org", org)
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .sign(), expiresAt);
            byOrg.put(org, minted);
        }
        return minted.token();
    }
}

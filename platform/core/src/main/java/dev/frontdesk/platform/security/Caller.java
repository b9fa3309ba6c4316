package dev.frontdesk.platform.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/**
 * The authenticated caller of a request, read from its JWT: {@code sub}, {@code org}, {@code groups}, {@code name},
 * {@code company}. Every query a service runs for a caller is scoped by {@link #org()} (see {@link TokenClaims} for
 * where the organization is read from).
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final TokenClaims claims;

    public Caller(JsonWebToken token, TokenClaims claims) {
        this.token = token;
        this.claims = claims;
    }

    public String subject() {
        return required(token.getSubject(), "sub");
    }

    public String org() {
        return required(claims.org(token), "org");
    }

    public Set<String> groups() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean is(String role) {
        return groups().contains(role);
    }

    public String name() {
        return claims.name(token);
    }

    public String company() {
        return token.getClaim("company");
    }

    private static String required(Object value, String claim) {
        if (value == null || value.toString().isBlank()) {
            throw new UnauthorizedException("Token has no '" + claim + "' claim");
        }
        return value.toString();
    }
}

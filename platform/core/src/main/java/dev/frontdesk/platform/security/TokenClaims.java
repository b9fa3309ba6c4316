package dev.frontdesk.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Frontdesk's claims read from a verified token: the organization from {@link AuthConfig#orgClaim()} for users'
 * tokens and from {@code org} for service tokens (Frontdesk's own issuer).
 */
@ApplicationScoped
public class TokenClaims {

    private final AuthConfig auth;
    private final ServiceTokensConfig services;

    public TokenClaims(AuthConfig auth, ServiceTokensConfig services) {
        this.auth = auth;
        this.services = services;
    }

    /**
     * The caller's organization, or null when the token names none: the claim must be a string of at most 128
     * characters without control characters (a number, an array or an object names no organization).
     */
    public String org(JsonWebToken token) {
        Object org = token.getClaim(services.issuer().equals(token.getIssuer()) ? "org" : auth.orgClaim());
        if (!(org instanceof String text) || text.isBlank() || text.length() > 128
                || text.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return text;
    }

    /** The display name ({@code name}), or the subject when the token has none. */
    public String name(JsonWebToken token) {
        Object name = token.getClaim("name");
        return name == null ? token.getSubject() : name.toString();
    }
}

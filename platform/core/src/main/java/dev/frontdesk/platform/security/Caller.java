package dev.frontdesk.platform.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/**
 * The authenticated caller of a request, read from its JWT: {@code sub}, {@code org}, {@code groups}, {@code name},
 * {@code company}. Every query a service runs for a caller is scoped by {@link #org()}.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public String subject() {
        return required(token.getSubject(), "sub");
    }

    public String org() {
        return required(token.getClaim("org"), "org");
    }

    public Set<String> groups() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean is(String role) {
        return groups().contains(role);
    }

    public String name() {
        String name = token.getClaim("name");
        return name == null ? subject() : name;
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

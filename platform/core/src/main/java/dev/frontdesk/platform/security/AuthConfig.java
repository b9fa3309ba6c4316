package dev.frontdesk.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Frontdesk finds its own claims in the identity provider's tokens. The roles come from the standard
 * {@code groups} claim, or from the path given by {@code smallrye.jwt.path.groups} (e.g. {@code realm_access/roles}
 * for Keycloak realm roles); the audience from {@code mp.jwt.verify.audiences}.
 */
@ConfigMapping(prefix = "frontdesk.auth")
public interface AuthConfig {

    /**
     * The claim that names the caller's organization, e.g. {@code org}, or a namespaced claim such as
     * {@code https://frontdesk.example.com/org} added by an Auth0 Action.
     */
    @WithDefault("org")
    String orgClaim();
}

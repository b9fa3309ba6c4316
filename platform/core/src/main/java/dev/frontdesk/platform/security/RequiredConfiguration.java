package dev.frontdesk.platform.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops a service at start, in the production profile, when what its security rests on is not configured: the users'
 * identity provider (issuer, verification key, audience) and, for a service that calls call-service, the key it signs
 * service tokens with. The development keys are defaults of the dev and test profiles only, so without this check a
 * production service would start and refuse every request, or worse, trust whatever an operator forgot to set.
 * Service-specific secrets (e.g. booking-webhook-service's join-link secret) are required by their config mappings.
 */
@ApplicationScoped
public class RequiredConfiguration {

    void check(@Observes StartupEvent started, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missing(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start without " + String.join(", ", missing)
                    + ". The development keys are for the dev and test profiles and the local stack only.");
        }
    }

    static List<String> missing(Config config) {
        List<String> missing = new ArrayList<>();
        if (absent(config, "mp.jwt.verify.issuer")) {
            missing.add("MP_JWT_VERIFY_ISSUER (the identity provider's issuer)");
        }
        if (absent(config, "mp.jwt.verify.publickey.location") && absent(config, "mp.jwt.verify.publickey")) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (its public key or JWKS URL)");
        }
        if (absent(config, "mp.jwt.verify.audiences")) {
            missing.add("MP_JWT_VERIFY_AUDIENCES (Frontdesk's audience at the identity provider)");
        }
        if (!absent(config, "quarkus.rest-client.call-service.url")
                && absent(config, "frontdesk.service-tokens.sign-key-location")) {
            missing.add("FRONTDESK_SERVICE_TOKENS_SIGN_KEY_LOCATION (the key this service signs its calls to"
                    + " call-service with)");
        }
        if (!absent(config, "frontdesk.secrets.columns") && absent(config, "frontdesk.secrets.key")) {
            missing.add("FRONTDESK_SECRETS_KEY (the key secrets are encrypted with in the database)");
        }
        return missing;
    }

    private static boolean absent(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isEmpty();
    }
}

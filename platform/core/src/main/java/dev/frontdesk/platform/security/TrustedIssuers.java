package dev.frontdesk.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The two issuers a Frontdesk service trusts, each with its own key:
 * <ul>
 * <li>the identity provider of the users ({@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.publickey.location},
 * {@code mp.jwt.verify.audiences}): its tokens carry {@code admin}, {@code staff} or {@code client}, and are refused
 * when they claim the {@code service} group, which no user holds;</li>
 * <li>Frontdesk's services ({@link ServiceTokensConfig}): their tokens must name this service as audience, carry
 * the {@code service} group and an {@code org}, and live at most ten minutes.</li>
 * </ul>
 * The token's unverified {@code iss} only picks the verifier; the signature, issuer, audience and expiry are then
 * checked by smallrye-jwt as usual. Any failure is a 401.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TrustedIssuers implements JWTParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SERVICE_TOKEN_MAX_LIFETIME_SECONDS = 600;

    private final DefaultJWTParser users;
    private final DefaultJWTParser services;
    private final String serviceIssuer;
    private final String userIssuer;

    public TrustedIssuers(JWTAuthContextInfo userContext, ServiceTokensConfig config,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.users = new DefaultJWTParser(userContext);
        this.userIssuer = userContext.getIssuedBy();
        this.serviceIssuer = config.issuer();
        if (serviceIssuer.equals(userIssuer)) {
            throw new IllegalStateException("frontdesk.service-tokens.issuer must differ from mp.jwt.verify.issuer:"
                    + " users must never be able to obtain a service token");
        }
        this.services = config.verifyKeyLocation().map(location -> {
            JWTAuthContextInfo context = new JWTAuthContextInfo(location, serviceIssuer);
            context.setExpectedAudience(Set.of(application));
            context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
            context.setMaxTimeToLiveSecs(SERVICE_TOKEN_MAX_LIFETIME_SECONDS);
            context.setRequiredClaims(Set.of("org", "sub"));
            return new DefaultJWTParser(context);
        }).orElse(null);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (serviceIssuer.equals(unverifiedIssuer(token))) {
            if (services == null) {
                throw new ParseException("Service tokens are not accepted here (no frontdesk.service-tokens.verify-key-location)");
            }
            JsonWebToken verified = services.parse(token);
            if (!verified.getGroups().equals(Set.of(Roles.SERVICE))) {
                throw new ParseException("A service token carries the service group only");
            }
            return verified;
        }
        JsonWebToken verified = users.parse(token);
        if (verified.getGroups() != null && verified.getGroups().contains(Roles.SERVICE)) {
            throw new ParseException("A user token cannot carry the service group");
        }
        return verified;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        throw onlyConfiguredIssuers();
    }

    /** Other ways of parsing (given keys, decryption, no verification) are not for Frontdesk's tokens. */
    private static ParseException onlyConfiguredIssuers() {
        return new ParseException("Tokens are verified against the configured issuers only");
    }

    /** The {@code iss} of a compact JWS, read without verifying anything; null when it has none or is malformed. */
    static String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode claims = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            JsonNode issuer = claims == null ? null : claims.get("iss");
            return issuer != null && issuer.isTextual() ? issuer.asText() : null;
        } catch (Exception malformed) {
            return null;
        }
    }
}

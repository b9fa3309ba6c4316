package dev.frontdesk.system;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import dev.frontdesk.platform.testing.StubServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * An OpenID Connect provider as the services meet one in production: its key is its own (made for this run, never
 * the development key), published as a JWKS at {@code /.well-known/jwks.json}, and it issues tokens to several
 * applications, told apart by their audience.
 */
final class IdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://idp.example.test/realms/shop";

    private final KeyPair keys = rsa();
    private final StubServer server = new StubServer();

    IdentityProvider() {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        String jwks = """
                {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"idp-1","n":"%s","e":"%s"}]}"""
                .formatted(base64Url(publicKey.getModulus()), base64Url(publicKey.getPublicExponent()));
        server.route("GET", "/.well-known/jwks.json", request -> StubServer.Response.json(200, jwks));
    }

    String jwksUrl() {
        return server.baseUrl() + "/.well-known/jwks.json";
    }

    /** A user's token for Frontdesk (audience {@code frontdesk}). */
    String token(String org, String subject, String role) {
        return sign(claims(org, subject, Set.of(role)).audience("frontdesk"));
    }

    /** Tokens with anything in them, signed by this provider. */
    String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId("idp-1").sign(keys.getPrivate());
    }

    static JwtClaimsBuilder claims(String org, String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(groups).claim("org", org).claim("name", subject)
                .expiresIn(Duration.ofMinutes(30));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.close();
    }
}

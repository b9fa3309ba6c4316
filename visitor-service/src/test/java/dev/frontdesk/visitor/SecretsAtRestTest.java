package dev.frontdesk.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.secrets.LegacySecrets;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Site identity secrets are stored encrypted; identify() still verifies with them, old plain rows are sealed. */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class SecretsAtRestTest {

    @Inject
    LegacySecrets legacy;

    private final TestDatabase db = TestDatabase.forSchema("visitor");

    @Test
    void anIdentitySecretIsStoredSealedAndStillVerifiesIdentify() {
        Widget site = Widget.create("org-secrets-1", "www.secrets1.example");
        String stored = db.text("SELECT identity_secret FROM site WHERE id = ?::uuid", site.siteId());
        assertTrue(stored.startsWith("fd1:"), stored);
        assertFalse(stored.contains(site.identitySecret()), stored);
        identify(site, site.identitySecret(), 200);
    }

    @Test
    void aSecretStoredInPlainTextBeforeIsSealedAtStartAndKeepsWorking() throws Throwable {
        Widget site = Widget.create("org-secrets-2", "www.secrets2.example");
        db.execute("UPDATE site SET identity_secret = 'sk_storedbeforeencryption' WHERE id = ?::uuid", site.siteId());
        int sealed = VertxContextSupport.subscribeAndAwait(() -> legacy.seal("site:id:identity_secret"));
        assertTrue(sealed >= 1, "sealed " + sealed);
        assertTrue(db.text("SELECT identity_secret FROM site WHERE id = ?::uuid", site.siteId()).startsWith("fd1:"));
        assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(() -> legacy.seal("site:id:identity_secret")));
        identify(site, "sk_storedbeforeencryption", 200);
    }

    private static void identify(Widget site, String secret, int status) {
        String visitor = site.view(null, "/account");
        site.request(visitor).body(Map.of("externalId", "user-7", "email", "ada@example.com", "name", "Ada",
                "signature", HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8),
                        "user-7".getBytes(StandardCharsets.UTF_8))))
                .post("/api/visitors/identify").then().statusCode(status);
    }
}

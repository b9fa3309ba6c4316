package dev.frontdesk.notification.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.frontdesk.platform.problem.InvalidRequestException;

/** The production defaults: Slack's hosts only, public addresses only. */
class WebhookDestinationsTest {

    private final WebhookDestinations defaults = new WebhookDestinations(
            List.of("hooks.slack.com", "hooks.slack-gov.com"), List.of());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "https://hooks.slack.com/services/T0/B0/xyz", "https://HOOKS.slack.com/services/T0/B0/xyz",
            "https://hooks.slack.com:443/services/T0/B0/xyz", "https://hooks.slack-gov.com/services/T0/B0/xyz" })
    void slacksWebhookUrlsAreAccepted(String url) {
        assertEquals(URI.create(url), defaults.checkForm(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "http://127.0.0.1:8082/x", "http://hooks.slack.com/services/x",
            "https://hooks.slack.com:8443/services/x", "https://hooks.slack.com.evil.example/x",
            "https://evil.example/hooks.slack.com", "https://a@hooks.slack.com/services/x", "https://[::1]/x",
            "https://2130706433/x", "https://0x7f000001/x", "https://localhost/x", "ftp://hooks.slack.com/x",
            "//hooks.slack.com/services/x", "hooks.slack.com/services/x", "https:// bad" })
    void everyOtherUrlIsRefusedNamingTheField(String url) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> defaults.checkForm(url));
        assertEquals("webhookUrl", refused.field());
    }

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource({ "127.0.0.1, false", "127.8.9.10, false", "10.1.2.3, false", "172.16.0.1, false", "172.31.255.255, false",
            "192.168.1.1, false", "169.254.169.254, false", "0.0.0.0, false", "0.1.2.3, false", "100.64.0.1, false",
            "224.0.0.1, false", "255.255.255.255, false", "198.18.0.1, false", "::1, false", "::, false",
            "fe80::1, false", "fc00::1, false", "fd12:3456::1, false", "::ffff:127.0.0.1, false", "::ffff:10.0.0.1, false",
            "64:ff9b::a00:1, false", "ff02::1, false", "8.8.8.8, true", "3.120.0.1, true", "172.32.0.1, true",
            "2606:4700:4700::1111, true" })
    void onlyPublicAddressesAreAllowedByDefault(String address, boolean allowed) throws UnknownHostException {
        assertEquals(allowed, defaults.allowed(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "10.20.1.5", "10.20.255.1" })
    void anOperatorMayAllowANetworkOfTheirOwn(String address) throws UnknownHostException {
        WebhookDestinations internal = new WebhookDestinations(List.of("chat.internal:8065"), List.of("10.20.0.0/16"));
        assertEquals(true, internal.allowed(InetAddress.getByName(address)));
        assertEquals(false, internal.allowed(InetAddress.getByName("10.21.0.1")));
        assertEquals(URI.create("http://chat.internal:8065/hooks/x"), internal.checkForm("http://chat.internal:8065/hooks/x"));
        assertThrows(InvalidRequestException.class, () -> internal.checkForm("http://chat.internal:8066/hooks/x"));
    }
}

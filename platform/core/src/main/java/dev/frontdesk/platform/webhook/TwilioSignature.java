package dev.frontdesk.platform.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} for form-encoded webhooks: base64 HMAC-SHA1, keyed with the account's auth
 * token, over the URL exactly as configured followed by every POST parameter name and value, names sorted. Like
 * Twilio's own libraries it accepts the URL with or without the default port, since proxies add or drop it.
 */
public final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private TwilioSignature() {
    }

    /** The signature of a request to {@code url} with {@code parameters} (repeated names: every value, sorted). */
    public static String sign(String authToken, String url, Map<String, List<String>> parameters) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> parameter : new TreeMap<>(parameters).entrySet()) {
            for (String value : new TreeSet<>(parameter.getValue() == null ? List.of() : parameter.getValue())) {
                data.append(parameter.getKey()).append(value == null ? "" : value);
            }
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** Whether {@code received} signs this request, for the URL as configured or with/without its default port. */
    public static boolean verify(String authToken, String url, Map<String, List<String>> parameters, String received) {
        if (received == null || authToken == null) {
            return false;
        }
        for (String candidate : urlVariants(url)) {
            if (HmacSha256.matches(sign(authToken, candidate, parameters), received)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            if (uri.getPort() == -1) {
                variants.add(new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), defaultPort, uri.getRawPath(),
                        null, null).toString() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            } else if (uri.getPort() == defaultPort) {
                variants.add(new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), -1, uri.getRawPath(), null,
                        null).toString() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            // not a URL we can vary: only the one as given
        }
        return new ArrayList<>(variants);
    }
}

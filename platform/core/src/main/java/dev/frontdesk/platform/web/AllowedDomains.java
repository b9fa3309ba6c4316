package dev.frontdesk.platform.web;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/**
 * Whether a browser request comes from one of a site's allowed domains. The request's origin is read from
 * {@code Origin}, or from {@code Referer} when a browser sent no Origin. An entry is a host name, its first label
 * possibly a wildcard, possibly with a port:
 * <ul>
 * <li>{@code shop.example.com}: that host, on any port;</li>
 * <li>{@code *.example.com}: its subdomains at any depth (not {@code example.com} itself), on any port;</li>
 * <li>{@code localhost:3000}, {@code shop.example.com:8443}, {@code *.example.com:8443}: the same, on that port
 * only. A request that names no port is on its scheme's default one (http 80, https 443), so
 * {@code shop.example.com:443} allows {@code https://shop.example.com} and {@code localhost:3000} does not allow
 * {@code http://localhost}.</li>
 * </ul>
 * Names compare case-insensitively and without a trailing dot; an entry that cannot be read allows nothing.
 */
public final class AllowedDomains {

    private static final int NO_PORT = -1;

    private AllowedDomains() {
    }

    /**
     * Where an Origin or Referer header value comes from: its host, lower-case, and its port, the scheme's default
     * when the value names none ({@code shop.example.com:443}, {@code localhost:3000}, {@code [::1]:8080}); the host
     * alone for a scheme other than http(s) that names no port. Null when there is no host ({@code null}, blank,
     * {@code "null"}, not a URL).
     */
    public static String host(String originOrReferer) {
        if (originOrReferer == null || originOrReferer.isBlank() || "null".equals(originOrReferer.trim())) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(originOrReferer.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // A name that is not a valid URI host (an underscore: dev_shop.example.com) but that browsers do send.
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            Address address = Address.parse(authority);
            host = address == null ? null : address.host();
            port = address == null ? NO_PORT : address.port();
        }
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (port == NO_PORT) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            port = switch (scheme) {
                case "http", "ws" -> 80;
                case "https", "wss" -> 443;
                default -> NO_PORT;
            };
        }
        String name = normalized(host);
        return port == NO_PORT ? name : name + ":" + port;
    }

    /** Whether {@code host} (as {@link #host} gives it: a host, with {@code :port} when known) is allowed. */
    public static boolean allows(Collection<String> allowedDomains, String host) {
        if (host == null || allowedDomains == null) {
            return false;
        }
        Address request = Address.parse(host);
        if (request == null) {
            return false;
        }
        for (String allowed : allowedDomains) {
            Address entry = allowed == null ? null : Address.parse(allowed);
            if (entry != null && entry.allows(request)) {
                return true;
            }
        }
        return false;
    }

    private static String normalized(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** A host (or {@code *.suffix}) and a port ({@link #NO_PORT}: any, for an entry; unknown, for a request). */
    private record Address(String host, int port) {

        /** {@code host}, {@code host:port}, {@code [v6]:port}; null when the port is not a port. */
        static Address parse(String text) {
            String value = text.trim();
            int colon = value.lastIndexOf(':');
            if (colon < 0 || value.lastIndexOf(']') > colon || value.indexOf(':') != colon && !value.startsWith("[")) {
                return value.isEmpty() ? null : new Address(normalized(value), NO_PORT);
            }
            String digits = value.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int port = Integer.parseInt(digits);
            String name = normalized(value.substring(0, colon));
            return port < 1 || port > 65535 || name.isEmpty() ? null : new Address(name, port);
        }

        boolean allows(Address request) {
            if (port != NO_PORT && port != request.port) {
                return false;
            }
            if (host.startsWith("*.")) {
                String suffix = host.substring(1);
                return request.host.endsWith(suffix) && request.host.length() > suffix.length();
            }
            return host.equals(request.host);
        }
    }
}

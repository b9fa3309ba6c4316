package dev.frontdesk.platform.web;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/**
 * Whether a browser request comes from one of a site's allowed domains: {@code shop.example.com} matches that host
 * exactly; {@code *.example.com} matches its subdomains (not {@code example.com} itself). The host is read from
 * {@code Origin}, or from {@code Referer} when a browser sent no Origin. A port in an entry ({@code localhost:3000}) is
 * not compared: the check is on the host.
 */
public final class AllowedDomains {

    private AllowedDomains() {
    }

    /** The host of an Origin or Referer header value, lower-case; null if there is none. */
    public static String host(String originOrReferer) {
        if (originOrReferer == null || originOrReferer.isBlank() || "null".equals(originOrReferer.trim())) {
            return null;
        }
        try {
            String host = URI.create(originOrReferer.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean allows(Collection<String> allowedDomains, String host) {
        if (host == null || allowedDomains == null) {
            return false;
        }
        for (String allowed : allowedDomains) {
            // An entry may name a port (localhost:3000, as the admin APIs accept); the check is on the host.
            String domain = allowed.trim().toLowerCase(Locale.ROOT).replaceFirst(":[0-9]{1,5}$", "");
            if (domain.startsWith("*.")) {
                if (host.endsWith(domain.substring(1)) && host.length() > domain.length() - 1) {
                    return true;
                }
            } else if (host.equals(domain)) {
                return true;
            }
        }
        return false;
    }
}

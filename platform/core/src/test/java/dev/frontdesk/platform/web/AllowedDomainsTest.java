package dev.frontdesk.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which request origins a site's allowed domains let in: hosts, wildcard subdomains and ports. */
class AllowedDomainsTest {

    @ParameterizedTest(name = "{0} from {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // An entry with a port: that port only; no port in the request is the scheme's default.
            "localhost:3000                 | http://localhost:3000                 | true",
            "localhost:3000                 | http://localhost:3000/checkout?x=1    | true",
            "localhost:3000                 | http://localhost:4000                 | false",
            "localhost:3000                 | http://localhost                      | false",
            "localhost:3000                 | https://localhost                     | false",
            "localhost:3000                 | https://shop.example.com:8443         | false",
            "localhost:3000                 | http://localhost.:3000                | true",
            "shop.example.com:8443          | https://shop.example.com:8443         | true",
            "shop.example.com:8443          | https://shop.example.com              | false",
            "shop.example.com:8443          | https://shop.example.com:443          | false",
            // Default ports: 443 for https, 80 for http, written or not.
            "shop.example.com:443           | https://shop.example.com              | true",
            "shop.example.com:443           | https://shop.example.com:443          | true",
            "shop.example.com:443           | http://shop.example.com               | false",
            "shop.example.com:80            | http://shop.example.com               | true",
            "shop.example.com:80            | https://shop.example.com              | false",
            // An entry without a port: the host on any port.
            "shop.example.com               | https://shop.example.com              | true",
            "shop.example.com               | http://shop.example.com:8080          | true",
            "shop.example.com               | https://SHOP.Example.COM              | true",
            "Shop.Example.com               | https://shop.example.com              | true",
            "shop.example.com               | https://shop.example.com.             | true",
            "shop.example.com               | https://evil.example.com              | false",
            "shop.example.com               | https://shop.example.com.evil.net     | false",
            "shop.example.com               | https://evilshop.example.com          | false",
            "localhost                      | http://localhost:3000                 | true",
            // Wildcards: subdomains at any depth, never the bare domain; with a port, on that port.
            "*.example.com                  | https://blog.example.com              | true",
            "*.example.com                  | https://a.b.example.com:8443          | true",
            "*.example.com                  | https://example.com                   | false",
            "*.example.com                  | https://badexample.com                | false",
            "*.example.com:8443             | https://blog.example.com:8443         | true",
            "*.example.com:8443             | https://blog.example.com              | false",
            "*.example.com:8443             | https://example.com:8443              | false",
            // IPv6 and names that are no valid URI host but that browsers send.
            "[::1]:8080                     | http://[::1]:8080                     | true",
            "[::1]:8080                     | http://[::1]:8081                     | false",
            "dev_shop.example.com           | https://dev_shop.example.com          | true",
            "dev_shop.example.com:8443      | https://dev_shop.example.com          | false",
            // Unreadable entries and origins allow nothing.
            "localhost:99999                | http://localhost:99999                | false",
            "localhost:                     | http://localhost                      | false",
            "shop.example.com               | null                                  | false",
            "shop.example.com               | ''                                    | false",
            "shop.example.com               | not a url                             | false",
    })
    void anOriginIsAllowedByItsHostAndPort(String entry, String origin, boolean allowed) {
        assertEquals(allowed, AllowedDomains.allows(Arrays.asList(entry), AllowedDomains.host(origin)),
                entry + " ← " + origin + " (host " + AllowedDomains.host(origin) + ")");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "https://shop.example.com                | shop.example.com:443",
            "https://shop.example.com/a/b?c=d#e      | shop.example.com:443",
            "http://Shop.Example.com:8080            | shop.example.com:8080",
            "http://localhost                        | localhost:80",
            "android-app://com.google.android.gm/    | com.google.android.gm",
            "null                                    | NONE",
            "'  '                                    | NONE",
    })
    void theHostOfAnOriginCarriesItsPort(String origin, String host) {
        assertEquals(host, AllowedDomains.host(origin));
    }
}

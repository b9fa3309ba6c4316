package dev.frontdesk.notification.slack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.platform.problem.InvalidRequestException;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

/**
 * Which webhook URLs Slack posts may go to, so that an organization's setting can never make this service call its
 * own network: the URL must name a host of {@code frontdesk.notifications.slack.allowed-hosts} exactly ({@code host}:
 * https on its default port; {@code host:port}: that port, http allowed), carry no user info, and every address the host
 * resolves to must be public (not loopback, private, link-local, unique-local, shared, multicast or reserved)
 * unless it lies in {@code allowed-networks}. The check runs when the URL is set and again before every post, whose
 * connection then goes to the address that was checked (no DNS rebinding in between); redirects are never followed.
 */
@ApplicationScoped
public class WebhookDestinations {

    /** Ranges Java's InetAddress predicates do not cover but that are not the public internet either. */
    private static final List<IpSubnetFilterRule> NOT_PUBLIC = List.of(
            rule("0.0.0.0/8"), rule("100.64.0.0/10"), rule("192.0.0.0/24"), rule("192.0.2.0/24"),
            rule("198.18.0.0/15"), rule("198.51.100.0/24"), rule("203.0.113.0/24"), rule("240.0.0.0/4"),
            rule("fc00::/7"), rule("64:ff9b::/96"), rule("2001:db8::/32"), rule("100::/64"));

    private static final String HOSTS_HINT =
            "webhookUrl must be an https URL of a Slack incoming webhook (https://hooks.slack.com/services/...)";

    private final List<String> allowedHosts;
    private final List<IpSubnetFilterRule> allowedNetworks;

    @Inject
    public WebhookDestinations(NotificationsConfig config) {
        this(config.slack().allowedHosts(), config.slack().allowedNetworks().orElse(List.of()));
    }

    /**
     * @param allowedHosts {@code host} (the scheme's default port only) or {@code host:port}
     * @param allowedNetworks CIDRs, e.g. {@code 10.20.0.0/16}
     */
    public WebhookDestinations(List<String> allowedHosts, List<String> allowedNetworks) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).toList();
        this.allowedNetworks = allowedNetworks.stream().map(WebhookDestinations::rule).toList();
    }

    /**
     * The URL, if its form is allowed.
     *
     * @throws InvalidRequestException naming {@code webhookUrl}, without echoing it (it is a credential)
     */
    public URI checkForm(String webhookUrl) {
        URI uri;
        try {
            uri = new URI(webhookUrl);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidRequestException("webhookUrl", "is not a URL", "webhookUrl is not a URL.");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null || !allowedHosts.contains(host)
                && !allowedHosts.contains(host + ":" + uri.getPort())) {
            throw new InvalidRequestException("webhookUrl", "is not an allowed webhook host", HOSTS_HINT + ".");
        }
        boolean listedWithPort = allowedHosts.contains(host + ":" + uri.getPort());
        if (!listedWithPort && uri.getPort() != -1 && uri.getPort() != 443) {
            throw new InvalidRequestException("webhookUrl", "is not an allowed webhook host", HOSTS_HINT + ".");
        }
        // http only towards a host the operator listed with its port (a chat inside their network).
        if (!"https".equals(uri.getScheme()) && !(listedWithPort && "http".equals(uri.getScheme()))) {
            throw new InvalidRequestException("webhookUrl", "must use https", HOSTS_HINT + ".");
        }
        return uri;
    }

    /**
     * The address to connect to for {@code uri}: the first one it resolves to, when all of them are allowed.
     * Blocking (DNS): call it on a worker thread.
     *
     * @throws UnknownHostException when the host does not resolve
     * @throws NotAllowedException when an address is not public and not in {@code allowed-networks}
     */
    public InetSocketAddress resolve(URI uri) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new NotAllowedException();
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new InetSocketAddress(addresses[0], port);
    }

    boolean allowed(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        if (allowedNetworks.stream().anyMatch(rule -> rule.matches(socket))) {
            return true;
        }
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || NOT_PUBLIC.stream().anyMatch(rule -> rule.matches(socket)));
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Not a CIDR: " + cidr);
        }
        return new IpSubnetFilterRule(cidr.substring(0, slash), Integer.parseInt(cidr.substring(slash + 1)),
                IpFilterRuleType.ACCEPT);
    }

    /** The host resolves to an address posts may not go to. */
    public static final class NotAllowedException extends RuntimeException {

        NotAllowedException() {
            super("the webhook host resolves to an address that is not allowed", null, false, false);
        }
    }
}

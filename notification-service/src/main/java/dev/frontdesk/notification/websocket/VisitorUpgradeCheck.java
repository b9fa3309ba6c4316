package dev.frontdesk.notification.websocket;

import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.web.AllowedDomains;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Lets a widget open its socket only with a known, active site's publishable key, from one of the site's domains
 * (Origin), and a well-formed visitor id: 401 for a missing or unknown key, 403 for an inactive site or a foreign
 * origin, 400 for a malformed visitor id. Sites come from the {@code frontdesk.sites} read model.
 */
@ApplicationScoped
public class VisitorUpgradeCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(VisitorUpgradeCheck.class);
    static final UserData.TypedKey<Widget> WIDGET = new UserData.TypedKey<>("frontdesk.widget");
    private static final Pattern VISITOR_ID = Pattern.compile(
            "v_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Pool pool;

    public VisitorUpgradeCheck(Pool pool) {
        this.pool = pool;
    }

    /** Who the socket is for. */
    public record Widget(String org, String siteId, String visitorId) {
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return VisitorSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String key = request.getParam("key");
        String visitorId = request.getParam("visitorId");
        if (key == null || key.isBlank()) {
            return CheckResult.rejectUpgrade(401);
        }
        if (visitorId == null || !VISITOR_ID.matcher(visitorId).matches()) {
            return CheckResult.rejectUpgrade(400);
        }
        String origin = request.getHeader("Origin");
        return pool.preparedQuery("SELECT id, org_id, allowed_domains, active FROM site WHERE publishable_key = $1")
                .execute(Tuple.of(key.strip()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return CheckResult.rejectUpgradeSync(401);
                    }
                    var site = rows.iterator().next();
                    String host = AllowedDomains.host(origin);
                    if (!site.getBoolean("active")
                            || !AllowedDomains.allows(Arrays.asList(site.getArrayOfStrings("allowed_domains")), host)) {
                        LOG.debugf("Widget socket refused for site %s from %s", site.getUUID("id"), host);
                        return CheckResult.rejectUpgradeSync(403);
                    }
                    context.userData().put(WIDGET, new Widget(site.getString("org_id"),
                            site.getUUID("id").toString(), visitorId.toLowerCase(java.util.Locale.ROOT)));
                    return CheckResult.permitUpgradeSync();
                });
    }
}

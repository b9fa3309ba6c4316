package dev.frontdesk.visitor.widget;

import java.util.List;
import java.util.UUID;

import dev.frontdesk.visitor.model.Site;

/** What widget requests need to know about a site, held in memory by {@link WidgetSites}. */
public record WidgetSite(UUID id, String orgId, List<String> allowedDomains, boolean active, boolean demo,
        String identitySecret) {

    static WidgetSite of(Site site) {
        return new WidgetSite(site.id, site.orgId, List.of(site.allowedDomains), site.active, site.demo,
                site.identitySecret);
    }
}

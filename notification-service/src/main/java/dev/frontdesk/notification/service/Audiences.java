package dev.frontdesk.notification.service;

/**
 * Who a socket notification is for. A socket listens to the audiences of its owner: a user to their own and, for
 * staff and admins, to their organization's staff audience; a visitor to their own on the site they came from.
 * Every audience names its organization or site, so a frame never crosses organizations.
 */
public final class Audiences {

    private Audiences() {
    }

    public static String user(String org, String userId) {
        return "user:" + org + ":" + userId;
    }

    public static String staff(String org) {
        return "staff:" + org;
    }

    public static String visitor(String siteId, String visitorId) {
        return "visitor:" + siteId + ":" + visitorId;
    }
}

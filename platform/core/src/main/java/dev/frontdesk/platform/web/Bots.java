package dev.frontdesk.platform.web;

import java.util.regex.Pattern;

/**
 * Known crawlers, monitors and headless or automated browsers, by user agent, as analytics tools filter them
 * (Plausible, PostHog): their visits are not recorded. A missing user agent counts as a bot: browsers send one.
 */
public final class Bots {

    private static final Pattern BOT = Pattern.compile(
            "bot|crawl|spider|slurp|headless|phantomjs|selenium|puppeteer|playwright|lighthouse|pagespeed|"
                    + "pingdom|uptime|monitor|facebookexternalhit|embedly|preview|curl/|wget/|python-requests|"
                    + "python-urllib|go-http-client|java/|okhttp|axios/|node-fetch|httpclient|scrapy",
            Pattern.CASE_INSENSITIVE);

    private Bots() {
    }

    public static boolean isBot(String userAgent) {
        return userAgent == null || userAgent.isBlank() || BOT.matcher(userAgent).find();
    }
}

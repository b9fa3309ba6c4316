package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.local.Demo;
import dev.frontdesk.platform.testing.DevTokens;

/**
 * The widget ({@code frontdesk.js}, one script tag on a customer's page) and the reference staff console
 * ({@code /console/}) in headless Chromium, against the packaged services behind the gateway: what a visitor and a
 * staff member see, checked where a user sees it (the page, the console) and where it is kept (the services' APIs).
 */
@ExtendWith({ SharedStacks.class, Browser.PerTest.class })
@Order(4)
class WidgetBrowserSystemTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    private static SystemStack stack;
    private static HostSite sites;
    private static String org;
    private static String admin;
    private static String staff;

    @BeforeAll
    static void start(SharedStacks.VisitorFlow flow) throws Exception {
        stack = flow.stack();
        sites = new HostSite(stack.url(""));
        org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        admin = DevTokens.mint(org, "ada", "admin");
        staff = DevTokens.mint(org, "sam", "staff");
        String company = stack.json("POST", "/api/directory/companies", admin, "{\"name\":\"Acme\"}", 201)
                .path("id").asText();
        for (String[] person : List.of(new String[] { "sam", "staff", "Sam Staff" },
                new String[] { "cleo", "client", "Cleo Client" })) {
            stack.json("PUT", "/api/directory/users/" + person[0], admin, """
                    {"companyId":"%s","role":"%s","name":"%s","email":"%s@example.com"}""".formatted(company,
                    person[1], person[2], person[0]), 201);
        }
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    /** A new site of the org on localhost (any port): its publishable key, and its id. */
    private static String[] newSite() throws Exception {
        JsonNode site = stack.json("POST", "/api/sites", admin,
                "{\"name\":\"Shop " + UUID.randomUUID() + "\",\"allowedDomains\":[\"localhost\"]}", 201).path("site");
        return new String[] { site.path("publishableKey").asText(), site.path("id").asText() };
    }

    /** Opens a page with the widget and waits until the widget knows its visitor id (the server issued it). */
    private static String visit(Browser browser, String url) {
        browser.driver.get(url);
        return await().atMost(SOON).until(() -> (String) browser.script(
                "return window.Frontdesk && window.Frontdesk.visitorId();"), id -> id != null && id.startsWith("v_"));
    }

    private static JsonNode visitor(String visitorId) throws Exception {
        return stack.json("GET", "/api/visitors/" + visitorId, staff, null, 200);
    }

    private static JsonNode pages(String visitorId) throws Exception {
        return stack.json("GET", "/api/visitors/" + visitorId + "/pages", staff, null, 200);
    }

    private static String console(Browser browser, String token) {
        browser.driver.get(stack.url("/console/?token=" + token));
        return browser.driver.getCurrentUrl();
    }

    /** The console's row of a visitor, once the live list shows it. */
    private static WebElement row(Browser console, String visitorId) {
        return await().atMost(SOON).ignoreExceptions().until(() -> console.driver.findElement(
                By.cssSelector("#visitors [data-visitor-id='" + visitorId + "']")), java.util.Objects::nonNull);
    }

    /** The widget's invite prompt, once it shows one. */
    private static WebElement prompt(Browser visitor) {
        return await().atMost(SOON).ignoreExceptions().until(() -> visitor.inWidget("[role=dialog]").get(0),
                java.util.Objects::nonNull);
    }

    private static List<String> hostErrors(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) browser.script("return window.hostErrors;");
        return errors;
    }

    @Test
    void aVisitorOnAPlainPageAndInASinglePageAppIsLiveInTheStaffConsoleWithEveryPage(Browser visitor, Browser console)
            throws Exception {
        String key = newSite()[0];
        String visitorId = visit(visitor, sites.url(key, "app/home"));
        // Kept where the widget keeps it, and the same after a reload.
        assertEquals(visitorId, visitor.script("return localStorage.getItem('frontdesk.visitor.' + arguments[0]);", key));
        assertEquals(visitorId, visit(visitor, sites.url(key, "app/home")));

        console(console, staff);
        WebElement row = row(console, visitorId);
        await().atMost(SOON).ignoreExceptions().until(() -> row(console, visitorId).findElement(By.cssSelector(".page"))
                .getAttribute("title").endsWith("/app/home"));
        assertEquals("active", row.findElement(By.cssSelector(".state")).getText().trim());

        // The app navigates without loading a page: each route is a page view, live in the console.
        visitor.driver.findElement(By.id("to-pricing")).click();
        await().atMost(SOON).until(() -> pages(visitorId).toString().contains(key + "/app/pricing"));
        await().atMost(SOON).ignoreExceptions().until(() -> row(console, visitorId).findElement(By.cssSelector(".page"))
                .getAttribute("title").endsWith("/app/pricing"));
        visitor.driver.navigate().back(); // popstate
        await().atMost(SOON).until(() -> pages(visitorId).findValues("url").stream()
                .filter(url -> url.asText().endsWith("/app/home")).count() == 3);

        // The console shows the visitor's timeline.
        row(console, visitorId).findElement(By.cssSelector(".page")).click();
        await().atMost(SOON).ignoreExceptions().until(() -> console.driver.findElement(By.id("timeline")).getText()
                .contains("/app/pricing"));
        assertEquals(List.of(), hostErrors(visitor));
    }

    @Test
    void aHiddenTabEarnsNoVisibleTime(Browser visitor) throws Exception {
        String key = newSite()[0];
        String visitorId = visit(visitor, sites.url(key, "shop/"));
        // Visible: the widget's heartbeats (every second on this page) credit the time.
        await().atMost(SOON).until(() -> visitor(visitorId).path("timeOnSiteSeconds").asLong() >= 2);

        // The visitor minimizes the window: the page is hidden for 5 s, then shown again.
        visitor.driver.manage().window().minimize();
        assertEquals("hidden", visitor.script("return document.visibilityState;"), "the window is minimized");
        long creditedWhenHidden = visitor(visitorId).path("timeOnSiteSeconds").asLong();
        Instant hidden = Instant.now();
        hold(Duration.ofSeconds(5));
        visitor.driver.manage().window().maximize();
        assertEquals("visible", visitor.script("return document.visibilityState;"));
        // The window is back: the next heartbeats reach the server.
        Instant shownAgain = Instant.now();
        await().atMost(SOON).until(() -> visitor(visitorId).path("lastSeenAt").asText().compareTo(shownAgain.toString()) > 0);
        long credited = visitor(visitorId).path("timeOnSiteSeconds").asLong();
        assertTrue(credited - creditedWhenHidden <= 2, "visible time grew by " + (credited - creditedWhenHidden)
                + " s over " + Duration.between(hidden, Instant.now()).toSeconds() + " s, 5 of them hidden");
    }

    /** Lets time pass in the scenario (a tab stays hidden); not a wait for an effect. */
    private static void hold(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void closingTheTabDeliversPageLeaveAndMidCallTheCallEndByBeacon(Browser visitor) throws Exception {
        String[] site = newSite();
        String key = site[0];
        String visitorId = visit(visitor, sites.url(key, "shop/pricing"));
        String shop = visitor.driver.getWindowHandle();
        JsonNode invite = stack.json("POST", "/api/visitors/" + visitorId + "/invites", staff,
                "{\"message\":\"Questions about pricing?\"}", 201);
        prompt(visitor).findElement(By.cssSelector("[data-action=accept]")).click();
        WebElement room = await().atMost(SOON).ignoreExceptions().until(() -> visitor.inWidget("iframe").get(0),
                java.util.Objects::nonNull);
        assertEquals(invite.path("guestUrl").asText(), room.getAttribute("src"));
        await().atMost(SOON).until(() -> "accepted".equals(stack.json("GET", "/api/visitors/invites/"
                + invite.path("id").asText(), staff, null, 200).path("status").asText()));

        // The visitor closes the tab mid-call.
        visitor.driver.switchTo().newWindow(WindowType.TAB);
        String other = visitor.driver.getWindowHandle();
        visitor.driver.switchTo().window(shop).close();
        visitor.driver.switchTo().window(other);

        await().atMost(SOON).alias("the page view closed by the page_leave beacon").until(() -> pages(visitorId)
                .path("items").path(0).path("leftAt").isTextual());
        await().atMost(SOON).alias("a session billed from the widget's beacon").until(() -> billedSessions(site[1])
                .findValues("source").stream().anyMatch(source -> "beacon".equals(source.asText())));
        JsonNode session = billedSessions(site[1]).path(0);
        assertEquals("beacon", session.path("source").asText(), session.toString());
    }

    private static JsonNode billedSessions(String siteId) throws Exception {
        return stack.json("GET", "/api/analytics/sites/" + siteId + "/billing", staff, null, 200).path("sessions");
    }

    @Test
    void staffInviteFromTheConsoleThePromptIsAccessibleACancelClosesItAndAnAcceptShowsInTheConsole(Browser visitor,
            Browser console) throws Exception {
        String key = newSite()[0];
        String visitorId = visit(visitor, sites.url(key, "shop/"));
        console(console, staff);

        // Staff withdraw a first invite: the prompt goes away.
        JsonNode first = stack.json("POST", "/api/visitors/" + visitorId + "/invites", staff, "{\"message\":\"Hi\"}", 201);
        prompt(visitor);
        stack.json("POST", "/api/visitors/invites/" + first.path("id").asText() + "/cancel", staff, null, 200);
        await().atMost(SOON).until(() -> visitor.inWidget("[role=dialog]").isEmpty());

        // The console's button invites; the prompt is a modal dialog with the focus on "join", kept inside it.
        row(console, visitorId).findElement(By.cssSelector("[data-action=invite]")).click();
        WebElement dialog = prompt(visitor);
        assertEquals("true", dialog.getAttribute("aria-modal"));
        assertEquals("accept", visitor.script(
                "return document.getElementById('frontdesk-widget').shadowRoot.activeElement.dataset.action;"));
        visitor.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        visitor.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("accept", visitor.script(
                "return document.getElementById('frontdesk-widget').shadowRoot.activeElement.dataset.action;"),
                "Tab cycles inside the dialog");
        await().atMost(SOON).ignoreExceptions().until(() -> row(console, visitorId)
                .findElement(By.cssSelector(".invite-status")).getText().contains("invited"));

        dialog.findElement(By.cssSelector("[data-action=accept]")).click();
        await().atMost(SOON).ignoreExceptions().until(() -> row(console, visitorId)
                .findElement(By.cssSelector(".invite-status")).getText().contains("accepted"));
        assertEquals(1, visitor.inWidget("iframe").size());
        assertEquals(List.of(), hostErrors(visitor));
    }

    @Test
    void aClientCallsAStaffMemberWhoseConsoleRingsWithCallerAndCountdownAndAccepts(Browser staffConsole,
            Browser clientConsole) throws Exception {
        console(staffConsole, staff);
        await().atMost(SOON).ignoreExceptions().until(() -> staffConsole.driver.findElement(By.id("socket-state"))
                .getText().contains("connected"));
        console(clientConsole, DevTokens.mint(org, "cleo", "client"));
        clientConsole.driver.findElement(By.id("directory-search")).sendKeys("Sam");
        // The list redraws as the search settles: a click on a row drawn over is refused (stale) and tried again.
        await().atMost(SOON).ignoreExceptions().until(() -> {
            clientConsole.driver.findElement(By.cssSelector("#directory [data-user-id='sam'] [data-action=call]")).click();
            return true;
        });

        WebElement ringing = await().atMost(SOON).ignoreExceptions().until(() -> staffConsole.driver
                .findElement(By.id("incoming-call")), WebElement::isDisplayed);
        assertEquals("Cleo Client", ringing.findElement(By.cssSelector(".caller-name")).getText().trim());
        int first = Integer.parseInt(ringing.findElement(By.cssSelector(".countdown")).getText().replaceAll("\\D", ""));
        assertTrue(first > 20 && first <= 30, "countdown " + first);
        await().atMost(SOON).until(() -> Integer.parseInt(ringing.findElement(By.cssSelector(".countdown")).getText()
                .replaceAll("\\D", "")) < first);

        ringing.findElement(By.cssSelector("[data-action=accept]")).click();
        JsonNode calls = stack.json("GET", "/api/calls", staff, null, 200);
        String callId = calls.findValues("id").get(0).asText();
        await().atMost(SOON).until(() -> "ANSWERED".equals(stack.json("GET", "/api/calls/" + callId, staff, null, 200)
                .path("status").asText()));
        await().atMost(SOON).ignoreExceptions().until(() -> clientConsole.driver.findElement(By.id("call-status"))
                .getText().toLowerCase().contains("answered"));
        assertTrue(staffConsole.driver.findElements(By.id("room")).size() == 1, "the accepted call's room is open");
        await().atMost(SOON).ignoreExceptions().until(() -> staffConsole.driver.findElement(By.id("call-status"))
                .getText().equals("From Cleo Client: answered"));
    }

    @Test
    void theWidgetWorksOnAPageWithAStrictContentSecurityPolicy(Browser visitor) throws Exception {
        String key = newSite()[0];
        String visitorId = visit(visitor, sites.url(key, "strict/"));
        await().atMost(SOON).until(() -> pages(visitorId).toString().contains(key + "/strict/"));
        stack.json("POST", "/api/visitors/" + visitorId + "/invites", staff, "{\"message\":\"Hello\"}", 201);
        WebElement dialog = prompt(visitor);
        // Its styles apply (a constructed style sheet, which the policy allows), its text is there.
        assertEquals("rgba(255, 255, 255, 1)", dialog.getCssValue("background-color"));
        assertTrue(dialog.getText().contains("Hello"), dialog.getText());
        assertEquals(List.of(), visitor.script("return window.cspViolations;"));
        assertEquals(List.of(), hostErrors(visitor));
    }

    @Test
    void whereStorageIsBlockedTheWidgetKeepsItsVisitorInMemory(Browser visitor) throws Exception {
        String key = newSite()[0];
        String visitorId = visit(visitor, sites.url(key, "nostorage/"));
        await().atMost(SOON).until(() -> pages(visitorId).toString().contains(key + "/nostorage/"));
        // Heartbeats go on as the same visitor (no second id issued for want of storage).
        await().atMost(SOON).until(() -> visitor(visitorId).path("timeOnSiteSeconds").asLong() >= 1);
        assertEquals(visitorId, visitor.script("return Frontdesk.visitorId();"));
        assertEquals(List.of(), hostErrors(visitor));
    }

    @Test
    void theHostPagesOwnScriptKeepsRunningWhenTheGatewayIsDown(Browser visitor) throws Exception {
        String key = newSite()[0];
        visitor.driver.get(sites.url(key, "down/"));
        await().atMost(SOON).until(() -> Long.parseLong(visitor.driver.findElement(By.id("ticks")).getText()) > 20);
        @SuppressWarnings("unchecked")
        Map<String, Object> identified = (Map<String, Object>) visitor.asyncScript("""
                var done = arguments[arguments.length - 1];
                Frontdesk.identify('user-1', 'ab'.repeat(32), {name: 'Ann'}).then(done);""");
        assertEquals(Boolean.FALSE, identified.get("ok"), identified.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> opened = (Map<String, Object>) visitor.asyncScript("""
                var done = arguments[arguments.length - 1];
                Frontdesk.open().then(done);""");
        assertNotNull(opened);
        visitor.driver.findElement(By.id("search")).sendKeys("still typing");
        assertEquals("still typing", visitor.driver.findElement(By.id("search")).getAttribute("value"));
        long ticks = Long.parseLong(visitor.driver.findElement(By.id("ticks")).getText());
        await().atMost(SOON).until(() -> Long.parseLong(visitor.driver.findElement(By.id("ticks")).getText()) > ticks);
        assertEquals(List.of(), hostErrors(visitor));
    }

    @Test
    void theDemoCommandsSetupLetsAVisitorAppearBeInvitedAndStaffRingAClient(Browser visitor, Browser staffConsole,
            Browser clientConsole) throws Exception {
        try (Demo.Site shop = new Demo.Site(0, stack.url(""))) {
            Demo.Setup setup = Demo.setUp(stack.url(""), shop.origin());
            shop.start(setup.siteKey());
            assertEquals(setup.siteId(), Demo.setUp(stack.url(""), shop.origin()).siteId(), "a second run reuses the site");
            assertTrue(setup.calcomWebhookUrl().startsWith(stack.url("/webhooks/calcom/")), setup.calcomWebhookUrl());

            // The printed steps: the shop's visitor is live in the staff console and gets the invite.
            String visitorId = visit(visitor, shop.url("/"));
            staffConsole.driver.get(setup.console(setup.staff()));
            row(staffConsole, visitorId).findElement(By.cssSelector("[data-action=invite]")).click();
            assertTrue(prompt(visitor).getText().contains("Sam Reyes invites you to a video call"),
                    "the shop's tab shows the invite from the demo's staff member: " + prompt(visitor).getText());

            // Staff ring the demo's client, whose console rings with the staff member's name.
            clientConsole.driver.get(setup.console(setup.client()));
            await().atMost(SOON).ignoreExceptions().until(() -> clientConsole.driver.findElement(By.id("socket-state"))
                    .getText().contains("connected"));
            staffConsole.driver.findElement(By.id("directory-search")).sendKeys("Cleo");
            await().atMost(SOON).ignoreExceptions().until(() -> {
                staffConsole.driver.findElement(By.cssSelector("#directory [data-user-id='cleo'] [data-action=call]"))
                        .click();
                return true;
            });
            WebElement ringing = await().atMost(SOON).ignoreExceptions().until(() -> clientConsole.driver
                    .findElement(By.id("incoming-call")), WebElement::isDisplayed);
            assertEquals("Sam Reyes", ringing.findElement(By.cssSelector(".caller-name")).getText().trim());
        }
    }
}

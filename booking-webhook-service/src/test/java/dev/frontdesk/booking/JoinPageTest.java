package dev.frontdesk.booking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The join page members' links open (and hosts use): served at /join, with its script and style, locked down. */
@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class JoinPageTest {

    private static final String CSP = "default-src 'self'; frame-src https: http:; img-src 'self' data:";

    @Test
    void theJoinPageAnswersWithOrWithoutItsQueryAndTrailingSlash() {
        for (String path : List.of("/join?org=org-1&uid=abc123&expires=4102444800&signature=00ff", "/join",
                "/join/", "/join?uid=abc123&role=host")) {
            String html = secured(given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get(path).then()
                    .statusCode(200).header("Content-Type", matchesPattern("(?i)text/html; ?charset=utf-8"))
                    .header("Cache-Control", equalTo("no-store")))
                    .extract().asString();
            assertTrue(html.contains("<script src=\"/join/join.js\" defer></script>"), path + ": " + html);
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/join/join.css\">"), path);
            assertTrue(html.contains("name=\"viewport\""), path);
            assertTrue(html.contains("id=\"state\" data-state=\"loading\" role=\"status\""), path);
        }
    }

    @Test
    void theScriptAndStyleAreServedWithTheirTypes() {
        String script = secured(given().get("/join/join.js").then().statusCode(200)
                .header("Content-Type", matchesPattern("(?i)text/javascript(; ?charset=utf-8)?")))
                .extract().asString();
        assertTrue(script.contains("/join/member") && script.contains("/join/host"), "the script asks the join API");
        assertFalse(script.contains("innerHTML") || script.contains("eval(") || script.contains("new Function"),
                "no markup or code made from data");
        secured(given().get("/join/join.css").then().statusCode(200)
                .header("Content-Type", matchesPattern("(?i)text/css(; ?charset=utf-8)?")));
        given().get("/join/other.js").then().statusCode(404);
    }

    /** The policy forbids inline code, so the page must have none: every script is a file, no style in markup. */
    @Test
    void thePageHasNoInlineScriptStyleOrHandlers() {
        String html = given().get("/join").then().statusCode(200).extract().asString();
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\"/join/join.js\""), scripts.group());
            assertTrue(scripts.group(2).isBlank(), scripts.group());
        }
        assertEquals(1, count, "one script");
        assertFalse(html.contains("<style"), "no style element");
        assertFalse(Pattern.compile("\\sstyle=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no handler attribute");
        assertFalse(html.contains("javascript:"), "no javascript: URL");
    }

    private static ValidatableResponse secured(ValidatableResponse response) {
        return response.header("Content-Security-Policy", containsString(CSP))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}

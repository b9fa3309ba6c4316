package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reference staff console is served without a token under a strict CSP, and works under it: no inline script or
 * style; the APIs it calls stay protected.
 */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class ConsolePageTest {

    private static final String CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: https:; "
            + "frame-src https: http:";

    @Test
    void thePageIsServedWithItsScriptAndStyleUnderTheCsp() {
        given().get("/console/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", equalTo(CSP))
                .body(containsString("<script src=\"console.js\""), containsString("href=\"console.css\""),
                        not(containsString("<script>")), not(containsString("<style")), not(containsString("style=")));
        given().get("/console/console.js").then().statusCode(200)
                .contentType(matchesPattern("(text|application)/javascript.*"))
                .header("Content-Security-Policy", equalTo(CSP))
                .body(containsString("/ws/notifications"), not(containsString("innerHTML")), not(containsString("eval(")));
        given().get("/console/console.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void theApisThePageCallsStayProtected() {
        given().get("/api/visitors/live").then().statusCode(401);
    }
}

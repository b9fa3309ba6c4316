package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * The widget script as a browser on a customer's site fetches it: JavaScript, cacheable and revalidated, gzipped when
 * asked, readable from any origin; and written to run under a strict Content-Security-Policy.
 */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class WidgetScriptTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
    /** What a strict CSP forbids, or what would let page data become code. */
    private static final List<Pattern> FORBIDDEN = List.of(Pattern.compile("\\beval\\s*\\("),
            Pattern.compile("new\\s+Function\\b"), Pattern.compile("\\.innerHTML\\b"), Pattern.compile("\\.outerHTML\\b"),
            Pattern.compile("insertAdjacentHTML"), Pattern.compile("document\\.write"),
            Pattern.compile("setTimeout\\(\\s*['\"]"), Pattern.compile("setInterval\\(\\s*['\"]"),
            Pattern.compile("setAttribute\\(\\s*['\"]style['\"]"), Pattern.compile("\\.cssText\\b"));

    @Test
    void bothUrlsServeTheScriptAsJavaScriptReadableFromAnyOriginCachedAndRevalidated() {
        for (String[] url : List.of(new String[] { "/widget/v1/frontdesk.js", "3600" },
                new String[] { "/widget/frontdesk.js", "300" })) {
            Response response = given().header("Origin", "https://shop.example.com").get(url[0]);
            response.then().statusCode(200)
                    .header("Content-Type", "text/javascript; charset=utf-8")
                    .header("Cache-Control", "public, max-age=" + url[1])
                    .header("Access-Control-Allow-Origin", "*")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("ETag", not(emptyOrNullString()))
                    .body(containsString("window.Frontdesk = Frontdesk"));
            given().header("If-None-Match", response.header("ETag")).get(url[0]).then().statusCode(304)
                    .header("ETag", equalTo(response.header("ETag")));
        }
    }

    @Test
    void gzippedWhenTheBrowserAcceptsItAndSmall() throws IOException {
        String plain = given().get("/widget/v1/frontdesk.js").asString();
        Response zipped = given().config(RAW).header("Accept-Encoding", "gzip, deflate, br").get("/widget/v1/frontdesk.js");
        zipped.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
        byte[] body = zipped.asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertEquals(plain, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(body.length < 8 * 1024, "gzipped size " + body.length + " bytes");
    }

    @Test
    void theScriptUsesNothingAStrictContentSecurityPolicyForbidsNorTurnsTextIntoMarkup() {
        String script = given().get("/widget/v1/frontdesk.js").asString();
        for (Pattern forbidden : FORBIDDEN) {
            assertTrue(!forbidden.matcher(script).find(), "frontdesk.js uses " + forbidden);
        }
    }
}

package dev.frontdesk.local;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The answers the gateway makes itself: RFC 9457 problem details, never a stack trace. */
final class Problem {

    static final String CONTENT_TYPE = "application/problem+json";

    private static final int MAX_INSTANCE_LENGTH = 256;

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(417, "Expectation Failed"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private Problem() {
    }

    static Buffer body(int status, String detail, String instance) {
        JsonObject problem = new JsonObject().put("type", "about:blank")
                .put("title", TITLES.getOrDefault(status, "Error")).put("status", status).put("detail", detail);
        if (instance != null) {
            // The instance echoes client input: keep it short (a 414 URI would otherwise come back whole).
            problem.put("instance", instance.length() > MAX_INSTANCE_LENGTH
                    ? instance.substring(0, MAX_INSTANCE_LENGTH) + "..." : instance);
        }
        return problem.toBuffer();
    }

    /** Sets the content type and {@code nosniff} (the body may echo the client's path). */
    static void headers(MultiMap headers) {
        headers.set("content-type", CONTENT_TYPE).set("x-content-type-options", "nosniff").set("cache-control", "no-store")
                .set("referrer-policy", "no-referrer");
    }

    /** Ends {@code response} with a problem unless something was already answered or the client is gone. */
    static Future<Void> send(HttpServerResponse response, int status, String detail, String instance) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return Future.failedFuture("already answered");
        }
        response.setStatusCode(status);
        headers(response.headers());
        return response.end(body(status, detail, instance));
    }
}

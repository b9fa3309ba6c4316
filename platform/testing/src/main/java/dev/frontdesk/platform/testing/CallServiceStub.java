package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.frontdesk.platform.testing.StubServer.Response;

/**
 * call-service's rooms API as call-service answers it: a service token for call-service is required (401 without), a named create
 * is idempotent (200 with the same room), delete of an unknown room is 404, errors are problem+json.
 */
public final class CallServiceStub {

    public static final Response DOWN = new Response(503, Map.of("Content-Type", "application/problem+json"),
            "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"The video provider is not available\"}");

    private static CallServiceStub instance;

    public final StubServer server = new StubServer(StubServer.reservedPort("call-service"));
    public final Map<String, ObjectNode> rooms = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public static synchronized CallServiceStub instance() {
        if (instance == null) {
            instance = new CallServiceStub();
        }
        return instance;
    }

    private CallServiceStub() {
        server.route("POST", "/api/rooms", request -> {
            if (!isServiceToken(request.header("Authorization"))) {
                return Response.json(401, "{\"status\":401}");
            }
            JsonNode body = read(request.body());
            String name = body.path("name").asText();
            ObjectNode existing = rooms.get(name);
            if (existing != null) {
                return Response.json(200, existing.toString());
            }
            ObjectNode room = json.createObjectNode()
                    .put("id", UUID.randomUUID().toString())
                    .put("name", name)
                    .put("provider", "daily")
                    .put("url", "https://frontdesk-test.daily.co/" + name)
                    .put("hostUrl", "https://frontdesk-test.daily.co/" + name + "?t=owner-token-" + name)
                    .put("guestUrl", "https://frontdesk-test.daily.co/" + name + "?t=guest-token-" + name)
                    .put("expiresAt", body.path("expiresAt").asText())
                    // The rest of call-service's RoomView: clients must read it tolerantly.
                    .put("maxParticipants", body.path("maxParticipants").asInt(2))
                    .put("recording", false)
                    .put("createdAt", java.time.Instant.now().toString())
                    .putNull("deletedAt");
            rooms.put(name, room);
            return Response.json(201, room.toString());
        }).route("DELETE", "/api/rooms/", request -> {
            String name = request.path().substring(request.path().lastIndexOf('/') + 1);
            return rooms.remove(name) == null ? Response.json(404, "{\"status\":404}") : new Response(204, Map.of(), null);
        });
    }

    /** A bearer JWT whose groups are ["service"] (the signature is call-service's to check; this checks the shape). */
    private boolean isServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonNode claims = read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        // What call-service checks besides the signature: Frontdesk's service issuer, its own audience, the group.
        return DevTokens.SERVICE_ISSUER.equals(claims.path("iss").asText())
                && claims.path("aud").toString().contains("\"call-service\"")
                && claims.path("groups").toString().contains("\"service\"") && claims.hasNonNull("org");
    }

    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

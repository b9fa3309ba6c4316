package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


import dev.frontdesk.platform.testing.StubServer.Response;

/**
 * Daily's REST API as INTEGRATIONS.md §2 documents it: bearer auth, {@code {error, info}} errors, rooms by name
 * ({@code 400 invalid-request-error} when the name is taken, {@code 404} when unknown), meeting tokens.
 */
public final class DailyStub {

    public static final String API_KEY = "test-daily-key";
    private static DailyStub instance;

    public final StubServer server;
    public final Map<String, ObjectNode> rooms = new ConcurrentHashMap<>();
    private final AtomicBoolean loseNextCreateAnswer = new AtomicBoolean();
    private final AtomicInteger tokens = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    /** Started by the test (not the profile, which runs in another class loader), on the port the profile set. */
    public static synchronized DailyStub instance() {
        if (instance == null) {
            instance = new DailyStub(StubServer.reservedPort("daily"));
        }
        return instance;
    }

    /** A stub of its own on {@code port} (0: any free port), e.g. for a stack of packaged services. */
    public DailyStub(int port) {
        server = port == 0 ? new StubServer() : new StubServer(port);
        server.route("POST", "/rooms", authorized(this::createRoom))
                .route("GET", "/rooms/", authorized(request -> {
                    ObjectNode room = rooms.get(name(request));
                    return room == null ? notFound(name(request)) : Response.json(200, room.toString());
                }))
                .route("DELETE", "/rooms/", authorized(request -> rooms.remove(name(request)) == null
                        ? notFound(name(request))
                        : Response.json(200, "{\"deleted\":true,\"name\":\"" + name(request) + "\"}")))
                .route("POST", "/meeting-tokens", authorized(request -> {
                    JsonNode properties = read(request.body()).path("properties");
                    if (!rooms.containsKey(properties.path("room_name").asText())) {
                        return Response.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"room not found\"}");
                    }
                    return Response.json(200, "{\"token\":\"eyJ.tok" + tokens.incrementAndGet() + "\"}");
                }));
    }

    /** The next create makes the room but its answer is lost (a 500 after the fact, as a dropped connection would). */
    public void loseNextCreateAnswer() {
        loseNextCreateAnswer.set(true);
    }

    public void reset() {
        server.reset();
        rooms.clear();
    }

    private Response createRoom(StubServer.Request request) {
        JsonNode body = read(request.body());
        String name = body.path("name").asText();
        if (rooms.containsKey(name)) {
            return Response.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"a room named " + name
                    + " already exists\"}");
        }
        ObjectNode room = json.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("name", name)
                .put("api_created", true)
                .put("privacy", body.path("privacy").asText("public"))
                .put("url", "https://frontdesk-test.daily.co/" + name)
                .put("created_at", Instant.now().toString());
        room.set("config", body.path("properties"));
        rooms.put(name, room);
        if (loseNextCreateAnswer.getAndSet(false)) {
            return Response.json(500, "{\"error\":\"server-error\",\"info\":\"connection reset\"}");
        }
        return Response.json(200, room.toString());
    }

    private Function<StubServer.Request, Response> authorized(
            Function<StubServer.Request, Response> handler) {
        return request -> {
            String authorization = request.header("Authorization");
            if (authorization == null) {
                return Response.json(400, "{\"error\":\"authorization-header-error\",\"info\":\"missing\"}");
            }
            if (!authorization.equals("Bearer " + API_KEY)) {
                return Response.json(401, "{\"error\":\"authentication-error\",\"info\":\"bad key\"}");
            }
            return handler.apply(request);
        };
    }

    private static String name(StubServer.Request request) {
        return request.path().substring(request.path().lastIndexOf('/') + 1);
    }

    private static Response notFound(String name) {
        return Response.json(404, "{\"error\":\"not-found\",\"info\":\"room " + name + " not found\"}");
    }

    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

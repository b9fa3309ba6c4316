package dev.frontdesk.call;

import static io.restassured.RestAssured.given;

import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;

/** A fresh organization per test, with companies and people added through the admin API, as an admin would. */
final class Scenario {

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    private final String admin = DevTokens.mint(org, "admin-1", "admin");

    String adminToken() {
        return admin;
    }

    String company(String name) {
        return given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\": \"%s\"}".formatted(name))
                .post("/api/directory/companies").then().statusCode(201).extract().path("id");
    }

    /** Adds a staff member or client; returns their token. */
    String person(String userId, String companyId, String role, String name) {
        given().auth().oauth2(admin).contentType("application/json")
                .body("""
                        {"companyId": "%s", "role": "%s", "name": "%s", "email": "%s@example.com",
                         "avatarUrl": "https://cdn.example.com/%s.png"}""".formatted(companyId, role, name, userId, userId))
                .put("/api/directory/users/" + userId).then().statusCode(201);
        return token(userId, role);
    }

    String token(String userId, String role) {
        return DevTokens.mint(org, userId, role);
    }

    /** Starts a call and returns its id. */
    static String call(String callerToken, String calleeId) {
        return given().auth().oauth2(callerToken).contentType("application/json")
                .body("{\"calleeId\": \"%s\"}".formatted(calleeId))
                .post("/api/calls").then().statusCode(201).extract().path("id");
    }

    static Predicate<ConsumerRecord<String, byte[]>> event(String type, String subject) {
        return KafkaTestClient.event(type, subject);
    }
}

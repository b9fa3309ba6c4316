package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rooms belong to whoever made them: names are theirs within their organization (nobody can take a name another
 * needs, nor learn which names others use), only the creator (by name) and the organization's admins (by id) see a
 * room, and the host URL (with Daily an owner token) goes to the creator alone.
 */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class RoomOwnershipTest {

    private static String create(String token, String body, int status) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/rooms").then().statusCode(status).extract().asString();
    }

    @Test
    void anotherOrganizationTakingABookingsRoomNameFirstChangesNothingForTheBooking() {
        String name = "bk-" + UUID.randomUUID().toString().substring(0, 12);
        String squatter = DevTokens.mint("org-b", "mallory", "staff");
        String theirs = given().auth().oauth2(squatter).contentType("application/json")
                .body("{\"name\":\"" + name + "\"}").post("/api/rooms").then().statusCode(201).extract().path("url");

        String booking = DevTokens.service("org-a", "booking-webhook-service", "call-service");
        String ours = given().auth().oauth2(booking).contentType("application/json")
                .body("{\"name\":\"" + name + "\"}").post("/api/rooms").then().statusCode(201)
                .body("name", equalTo(name)).body("hostUrl", notNullValue()).extract().path("url");
        assertNotEquals(theirs, ours);

        // Each asking again gets their own room back; neither learns of the other's.
        given().auth().oauth2(squatter).contentType("application/json").body("{\"name\":\"" + name + "\"}")
                .post("/api/rooms").then().statusCode(200).body("url", equalTo(theirs));
        given().auth().oauth2(booking).contentType("application/json").body("{\"name\":\"" + name + "\"}")
                .post("/api/rooms").then().statusCode(200).body("url", equalTo(ours));
        given().auth().oauth2(squatter).get("/api/rooms/" + name).then().statusCode(200).body("url", equalTo(theirs));
    }

    @Test
    void aMemberOfTheSameOrganizationCannotTakeAServicesRoomName() {
        String name = "bk-" + UUID.randomUUID().toString().substring(0, 12);
        create(DevTokens.mint("org-a", "cleo", "client"), "{\"name\":\"" + name + "\"}", 201);
        String booking = DevTokens.service("org-a", "booking-webhook-service", "call-service");
        given().auth().oauth2(booking).contentType("application/json").body("{\"name\":\"" + name + "\"}")
                .post("/api/rooms").then().statusCode(201).body("hostUrl", notNullValue());
    }

    @Test
    void onlyTheCreatorByNameAndAdminsByIdSeeARoomAndTheHostUrlGoesToTheCreatorAlone() {
        String staff = DevTokens.mint("org-a", "sam", "staff");
        var created = given().auth().oauth2(staff).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).body("hostUrl", notNullValue()).extract();
        String name = created.path("name");
        String id = created.path("id");

        String client = DevTokens.mint("org-a", "cleo", "client");
        given().auth().oauth2(client).get("/api/rooms/" + name).then().statusCode(404)
                .body("detail", equalTo("No room " + name + "."));
        given().auth().oauth2(client).get("/api/rooms/" + id).then().statusCode(404);
        given().auth().oauth2(client).delete("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(DevTokens.mint("org-a", "tom", "staff")).delete("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(staff).get("/api/rooms/" + name).then().statusCode(200)
                .body("deletedAt", nullValue()).body("hostUrl", notNullValue());

        // An admin finds any room of the organization by id (names are unique per creator only), without its host URL.
        String admin = DevTokens.mint("org-a", "ada", "admin");
        given().auth().oauth2(admin).get("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(admin).get("/api/rooms/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("guestUrl", notNullValue()).body("hostUrl", nullValue());
        given().auth().oauth2(DevTokens.mint("org-b", "ada", "admin")).get("/api/rooms/" + id).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/rooms/" + id).then().statusCode(204);
        given().auth().oauth2(staff).get("/api/rooms/" + name).then().statusCode(200).body("deletedAt", notNullValue());
    }

    @Test
    void aServicesRoomIsItsAloneWhateverAUsersSubjectOrTheNamedHost() {
        String service = DevTokens.service("org-a", "visitor-service", "call-service");
        String name = "inv-" + UUID.randomUUID().toString().replace("-", "");
        create(service, """
                {"name":"%s","host":{"id":"sam","name":"Sam"},"guest":{"id":"v_1","name":"Visitor"}}""".formatted(name), 201);
        // The named host and guest get their URLs from the service that made the room, not from the rooms API.
        for (String sub : new String[] { "sam", "v_1", "visitor-service", "service:visitor-service",
                "user:service:visitor-service" }) {
            given().auth().oauth2(DevTokens.mint("org-a", sub, "staff")).get("/api/rooms/" + name).then()
                    .statusCode(404);
        }
        given().auth().oauth2(DevTokens.service("org-a", "booking-webhook-service", "call-service"))
                .get("/api/rooms/" + name).then().statusCode(404);
        // A user whose subject is the service's owner string makes a room of their own, not the service's.
        String squatter = DevTokens.mint("org-a", "service:booking-webhook-service", "client");
        String booking = "bk-" + UUID.randomUUID().toString().substring(0, 12);
        String theirs = given().auth().oauth2(squatter).contentType("application/json")
                .body("{\"name\":\"" + booking + "\"}").post("/api/rooms").then().statusCode(201).extract().path("id");
        String ours = given().auth().oauth2(DevTokens.service("org-a", "booking-webhook-service", "call-service"))
                .contentType("application/json").body("{\"name\":\"" + booking + "\"}").post("/api/rooms").then()
                .statusCode(201).extract().path("id");
        assertNotEquals(theirs, ours);
    }
}

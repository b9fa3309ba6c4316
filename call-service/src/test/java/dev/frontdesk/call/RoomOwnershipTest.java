package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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
 * needs, nor learn which names others use), only the creator, the named host and the organization's admins see a
 * room, and the host URL (with Daily an owner token) goes to the host alone.
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
    void onlyTheCreatorTheHostAndAdminsSeeARoomAndTheHostUrlGoesToTheHostAlone() {
        String staff = DevTokens.mint("org-a", "sam", "staff");
        String name = given().auth().oauth2(staff).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).body("hostUrl", notNullValue()).extract().path("name");

        String client = DevTokens.mint("org-a", "cleo", "client");
        given().auth().oauth2(client).get("/api/rooms/" + name).then().statusCode(404)
                .body("detail", equalTo("No room " + name + "."));
        given().auth().oauth2(client).delete("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(DevTokens.mint("org-a", "tom", "staff")).delete("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(staff).get("/api/rooms/" + name).then().statusCode(200)
                .body("deletedAt", nullValue()).body("hostUrl", notNullValue());

        String admin = DevTokens.mint("org-a", "ada", "admin");
        given().auth().oauth2(admin).get("/api/rooms/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("guestUrl", notNullValue()).body("hostUrl", nullValue());
        given().auth().oauth2(DevTokens.mint("org-b", "ada", "admin")).get("/api/rooms/" + name).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/rooms/" + name).then().statusCode(204);
        given().auth().oauth2(staff).get("/api/rooms/" + name).then().statusCode(200).body("deletedAt", notNullValue());
    }

    @Test
    void theNamedHostOfAServicesRoomGetsTheHostUrlAndTheGuestDoesNot() {
        String service = DevTokens.service("org-a", "visitor-service", "call-service");
        String name = "inv-" + UUID.randomUUID().toString().replace("-", "");
        create(service, """
                {"name":"%s","host":{"id":"sam","name":"Sam"},"guest":{"id":"v_1","name":"Visitor"}}""".formatted(name), 201);
        given().auth().oauth2(DevTokens.mint("org-a", "sam", "staff")).get("/api/rooms/" + name).then()
                .statusCode(200).body("hostUrl", notNullValue());
        given().auth().oauth2(DevTokens.mint("org-a", "v_1", "client")).get("/api/rooms/" + name).then()
                .statusCode(404);
        // Another service is not the one that made it: its room of that name would be its own.
        given().auth().oauth2(DevTokens.service("org-a", "booking-webhook-service", "call-service"))
                .get("/api/rooms/" + name).then().statusCode(404);
        // A user whose subject happens to be the service's name is not that service.
        given().auth().oauth2(DevTokens.mint("org-a", "visitor-service", "staff")).get("/api/rooms/" + name).then()
                .statusCode(404).body("hostUrl", not(notNullValue()));
    }
}

package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.team.Tokens;
import org.muraarena.competition.team.Team;
import org.muraarena.testing.ArenaTestResource;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
public class TeamResourceTest {
    static final String ORGANIZER = "Bearer " + ArenaTestResource.ADMIN_TOKEN;

    @Test
    void organizerCreatesATeamAndItsTokenIsShownOnceAndStoredHashed() {
        String token = given().header("Authorization", ORGANIZER).contentType("application/json")
                .body("{\"name\": \"Bone Voyage\"}")
                .when().post("/api/teams")
                .then().statusCode(201).body("name", equalTo("Bone Voyage")).body("token", startsWith("mura_"))
                .extract().path("token");
        Team stored = QuarkusTransaction.requiringNew().call(() -> Team.byName("Bone Voyage"));
        assertEquals(Tokens.hash(token), stored.tokenHash);
        assertNotEquals(token, stored.tokenHash);
    }

    @Test
    void creatingATeamWithoutOrWithAWrongTokenIsUnauthorized() {
        given().contentType("application/json").body("{\"name\": \"x\"}")
                .when().post("/api/teams").then().statusCode(401).body("error", equalTo("missing or wrong bearer token"));
        given().header("Authorization", "Bearer nope").contentType("application/json").body("{\"name\": \"x\"}")
                .when().post("/api/teams").then().statusCode(401);
    }

    @Test
    void aTeamTokenCannotCreateTeams() {
        String token = createTeam("Ulna Ultras");
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"name\": \"Sneaky\"}")
                .when().post("/api/teams").then().statusCode(403);
    }

    @Test
    void duplicateOrBlankTeamNamesAreRefused() {
        createTeam("Radius Rangers");
        given().header("Authorization", ORGANIZER).contentType("application/json").body("{\"name\": \"Radius Rangers\"}")
                .when().post("/api/teams").then().statusCode(409);
        given().header("Authorization", ORGANIZER).contentType("application/json").body("{\"name\": \"  \"}")
                .when().post("/api/teams").then().statusCode(400);
    }

    /** Creates a team through the API and returns its token. */
    public static String createTeam(String name) {
        return given().header("Authorization", ORGANIZER).contentType("application/json")
                .body("{\"name\": \"" + name + "\"}").when().post("/api/teams")
                .then().statusCode(201).extract().path("token");
    }
}

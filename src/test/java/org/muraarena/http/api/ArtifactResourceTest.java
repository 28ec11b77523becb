package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.QueueFixtures;

/** Workers on other machines fetch artifacts by hash, with the workers' token; nobody else may. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class ArtifactResourceTest {

    @Test
    void onlyWorkersAndTheOrganizerFetchArtifacts() {
        String team = TeamResourceTest.createTeam("fetch-" + System.nanoTime());
        long id = QueueFixtures.upload(team, "fetched");
        String sha = given().header("Authorization", "Bearer " + team).get("/api/submissions/" + id).jsonPath().getString("sha256");

        given().get("/api/artifacts/" + sha).then().statusCode(401);
        given().header("Authorization", "Bearer " + team).get("/api/artifacts/" + sha).then().statusCode(403);
        byte[] body = given().header("Authorization", "Bearer " + NoWorkerProfile.WORKER_TOKEN).get("/api/artifacts/" + sha)
                .then().statusCode(200).header("X-Content-SHA256", sha).extract().asByteArray();
        assertArrayEquals(QueueFixtures.tinyModel(), body);
        given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN).get("/api/artifacts/" + sha).then().statusCode(200);
        given().header("Authorization", "Bearer " + NoWorkerProfile.WORKER_TOKEN).get("/api/artifacts/..%2F..%2Fetc%2Fpasswd")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(404)));
        given().header("Authorization", "Bearer " + NoWorkerProfile.WORKER_TOKEN).get("/api/artifacts/" + "a".repeat(64))
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + NoWorkerProfile.WORKER_TOKEN).get("/api/artifacts/NOTAHASH")
                .then().statusCode(400);
    }
}

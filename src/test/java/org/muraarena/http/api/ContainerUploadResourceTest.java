package org.muraarena.http.api;

import org.muraarena.core.Hashing;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.muraarena.sandbox.container.Engine;
import org.muraarena.sandbox.container.SaveTarballs;
import org.muraarena.competition.submission.ArtifactStore;
import org.muraarena.competition.submission.Submission;
import org.muraarena.testing.ArenaTestResource;

/** Container uploads through the real server: every bad tarball is a 4xx that stores nothing. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class ContainerUploadResourceTest {
    static final String MANIFEST = "{\"name\": \"boxed\", \"kind\": \"container\"}";

    @ConfigProperty(name = "arena.data-dir")
    String dataDir;

    static Response upload(String token, byte[] artifact) {
        return given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", "image.tar", artifact, "application/octet-stream")
                .multiPart("manifest", MANIFEST)
                .when().post("/api/submissions");
    }

    private void refusedAndNothingStored(String team, byte[] artifact, int status, String message) throws Exception {
        String token = TeamResourceTest.createTeam(team);
        upload(token, artifact).then().statusCode(status).body("error", containsString(message));
        Path stored = Path.of(dataDir, "artifacts", sha256(artifact));
        assertFalse(Files.exists(stored), "the refused upload was stored as " + stored);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Submission.count("team.name", team)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        Path tmp = Files.createTempFile("artifact", ".tar");
        try {
            return Hashing.sha256(Files.write(tmp, bytes));
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void somethingThatIsNotATarIsRefused() throws Exception {
        byte[] noise = new byte[10_000];
        new Random(3).nextBytes(noise);
        refusedAndNothingStored("Not A Tar", noise, 400, "not a readable tar archive");
    }

    @Test
    void aTarballWithAPathTraversalIsRefused() throws Exception {
        refusedAndNothingStored("Path Climbers", SaveTarballs.valid().file("../../../tmp/evil", "x").gzip(), 400,
                "leaves the archive");
    }

    @Test
    void aTarballWithoutManifestIsRefused() throws Exception {
        refusedAndNothingStored("No Manifest", new SaveTarballs().file("cfg.json", SaveTarballs.CONFIG).tar(), 400,
                "no manifest.json");
    }

    @Test
    void anArmImageIsRefused() throws Exception {
        refusedAndNothingStored("Arm Fans", SaveTarballs.withConfig(SaveTarballs.CONFIG.replace("amd64", "arm64")).tar(), 400,
                "linux/amd64");
    }

    @Test
    void aTarballOfTwoImagesIsRefused() throws Exception {
        byte[] two = new SaveTarballs().file("a.json", SaveTarballs.CONFIG).file("b.json", SaveTarballs.CONFIG)
                .file("manifest.json", "[{\"Config\":\"a.json\",\"Layers\":[]},{\"Config\":\"b.json\",\"Layers\":[]}]").tar();
        refusedAndNothingStored("Two Images", two, 400, "exactly one");
    }

    @Test
    void aTarballTheEngineCannotLoadIsRefusedWhenAnEngineAnswers() throws Exception {
        Engine.reachableOrSkip();
        // Well-formed to the offline checks, but its "layer" is not a tar: the engine refuses it.
        refusedAndNothingStored("Fake Layers", SaveTarballs.valid().tar(), 400, "could not load");
    }

    @Test
    void aTarballOverTheContainerCapIs413() throws Exception {
        byte[] big = new byte[(int) ArenaTestResource.MAX_CONTAINER_BYTES + 1024];
        new Random(4).nextBytes(big);
        refusedAndNothingStored("Too Big Boxes", big, 413, "at most " + ArenaTestResource.MAX_CONTAINER_BYTES + " bytes");
    }
}

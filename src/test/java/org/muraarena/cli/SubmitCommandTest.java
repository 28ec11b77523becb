package org.muraarena.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.testing.ArenaTestResource;

/** {@code submit} against the real test server: upload, follow the dry run, tag; refusals carry the server's message. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class SubmitCommandTest {
    @TempDir
    Path dir;
    @TestHTTPResource("/")
    URL base;

    private record Result(int status, String out, String err) {
    }

    private static Result submit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("submit", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String server() {
        return base.toString();
    }

    private Path model() throws Exception {
        return DryRunCommandTest.fixture(dir, "tiny_dynamic.onnx");
    }

    private Path manifest(String json) throws Exception {
        return Files.writeString(dir.resolve("manifest.json"), json);
    }

    @Test
    void uploadsFollowsTheDryRunAndTagsIt() throws Exception {
        String token = TeamResourceTest.createTeam("Command Line");
        Result result = submit("--server", server(), "--token", token, "--artifact", model().toString(),
                "--manifest", manifest(DryRunCommandTest.TINY_MANIFEST).toString(), "--follow", "--tag");

        assertEquals(0, result.status(), server() + "\n" + result.err());
        long id = Long.parseLong(result.out().strip());
        assertTrue(result.err().contains("100% "), "the upload's progress bar ends: " + result.err());
        assertTrue(result.err().contains("[arena] DRY_RUN on the sample set"), "the dry run's log is shown: " + result.err());
        assertTrue(result.err().contains("submit: dry run SUCCEEDED"), result.err());
        assertTrue(result.err().contains("tagged mura-submit"), result.err());
        JsonPath view = given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("SUCCEEDED", view.getString("dryRun.status"));
        assertEquals(28, view.getInt("dryRun.metrics.overall.n"));
        assertNotNull(view.getString("taggedAt"), "tagged: " + view.prettify());
    }

    @Test
    void aBadManifestIsRefusedWithTheServersMessage() throws Exception {
        String token = TeamResourceTest.createTeam("Sloppy Command Line");
        Result result = submit("--server", server(), "--token", token, "--artifact", model().toString(),
                "--manifest", manifest("{\"name\": \"x\", \"input\": {\"channels\": 2}}").toString(), "--follow");

        assertEquals(1, result.status(), result.err());
        assertEquals("", result.out(), "no id: nothing was accepted");
        assertTrue(result.err().contains("submit: refused, HTTP 400: invalid manifest: input.channels must be 1 or 3"), result.err());
    }

    @Test
    void aWrongTokenIsRefusedBeforeAnyUpload() throws Exception {
        Result result = submit("--server", server(), "--token", "not-a-token", "--artifact", model().toString(),
                "--manifest", manifest(DryRunCommandTest.TINY_MANIFEST).toString());

        assertEquals(1, result.status(), result.err());
        assertEquals("", result.out());
        assertTrue(result.err().contains("submit: refused, HTTP 401: missing or wrong bearer token"), result.err());
        assertFalse(result.err().contains("uploading"), "the file is not sent: " + result.err());
    }

    @Test
    void anOversizeArtifactIsRefusedWithTheCap() throws Exception {
        String token = TeamResourceTest.createTeam("Heavy Command Line");
        byte[] big = new byte[5 << 20];
        new Random(7).nextBytes(big);
        Path artifact = Files.write(dir.resolve("big.onnx"), big);
        Result result = submit("--server", server(), "--token", token, "--artifact", artifact.toString(),
                "--manifest", manifest(DryRunCommandTest.TINY_MANIFEST).toString());

        assertEquals(1, result.status(), result.err());
        assertTrue(result.err().contains("submit: refused, HTTP 413: the upload is ") && result.err().contains("at most"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void badArgumentsExitTwoAndSendNothing() throws Exception {
        String artifact = model().toString();
        String manifest = manifest(DryRunCommandTest.TINY_MANIFEST).toString();
        String[][] cases = {
                {"--server is required", "--token", "t", "--artifact", artifact, "--manifest", manifest},
                {"must be an http:// or https:// URL", "--server", "ftp://example.org", "--token", "t", "--artifact", artifact,
                        "--manifest", manifest},
                {"no readable file", "--server", server(), "--token", "t", "--artifact", dir.resolve("none.onnx").toString(),
                        "--manifest", manifest},
                {"--follow is given twice", "--server", server(), "--token", "t", "--artifact", artifact, "--manifest", manifest,
                        "--follow", "--follow"},
        };
        for (String[] c : cases) {
            Result result = submit(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, result.status(), result.err());
            assertTrue(result.err().startsWith("submit: ") && result.err().contains(c[0]), c[0] + " not in: " + result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
    }
}

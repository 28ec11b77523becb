package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.muraarena.cli.Commands;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Hashing;
import org.muraarena.core.Phase;
import org.muraarena.dataset.baseline.BaselineModel;
import org.muraarena.dataset.importer.MuraImporter;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.FakeMuraDownload;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * The server on a folder made by {@code import-mura} (a small fake download with six readers per
 * hidden study): the baseline's dry run runs on the imported sample, its hidden run on the opaque
 * {@code valid} set and is scored against the imported readers' labels, the board states the
 * dataset, and the {@code score} command on the stored predictions gives the board's kappa.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(ImportedDatasetTest.ImportedData.class)
class ImportedDatasetTest {

    /** The server pointed at an imported folder under target/ (made once per test JVM). */
    public static class ImportedData implements QuarkusTestProfile {
        private static Path imported;

        static synchronized Path imported() {
            if (imported == null) {
                try {
                    Path base = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "imported-mura-");
                    Path download = FakeMuraDownload.write(base.resolve("download"), 12, 6, 11);
                    Path readers = FakeMuraDownload.writeReaders(download, base.resolve("readers.csv"));
                    MuraImporter.run(new MuraImporter.Request(download, base.resolve("arena-data"), "valid", 4, 5,
                            Optional.of(readers), false), line -> { });
                    imported = base.resolve("arena-data");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return imported;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arena.dataset-dir", imported().toString());
        }
    }

    /** The server's folder (the profile's statics live in another class loader than this test's). */
    @ConfigProperty(name = "arena.dataset-dir")
    String datasetDir;

    @Test
    void theBaselineRunsOnTheImportedSetsAndTheScoreCommandReproducesTheBoardsKappa() throws Exception {
        Path data = Path.of(datasetDir);
        assertTrue(Files.exists(data.resolve("labels/mapping.csv")), data.toString());
        String token = TeamResourceTest.createTeam("Imported Ulna");
        long id = SubmissionResourceTest.upload(token, BaselineModel.bytes(), BaselineModel.MANIFEST)
                .then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath dry = SubmissionResourceTest.awaitFinished(token, id, "dryRun");
        assertEquals("SUCCEEDED", dry.getString("dryRun.status"), dry.prettify());
        assertEquals(28, dry.getInt("dryRun.metrics.overall.n"), "4 sample studies of each of the seven types");

        HiddenEvaluationViewTest.tag(token, id);
        Polling.evaluation(id, Phase.HIDDEN, Duration.ofSeconds(240), "released", e -> e.releasedAt != null);
        assertEquals(EvaluationStatus.SUCCEEDED, QueueFixtures.evaluation(id, Phase.HIDDEN).status());
        String log = given().header("Authorization", TeamResourceTest.ORGANIZER).get("/api/submissions/" + id)
                .then().statusCode(200).extract().jsonPath().getString("evaluation.log");
        assertTrue(log.contains("HIDDEN on the valid set"), log);

        Result result = QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(id, Phase.HIDDEN)));
        Path readers = data.resolve("labels/valid_readers.csv");
        assertEquals(Hashing.sha256(readers), result.truthSha256, "scored against the imported readers' labels");
        assertEquals(42, result.report.overall().n());

        JsonPath board = given().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        assertEquals("MURA-v1.1 valid", board.getString("dataset.name"));
        assertEquals(42, board.getInt("dataset.studies"));
        assertEquals(84, board.getInt("dataset.images"));
        assertEquals(3, board.getList("references").size(), "the three reference readers of --readers");
        double boardKappa = ((Number) board.getMap("rows.find { it.team == 'Imported Ulna' }").get("kappa")).doubleValue();
        given().get("/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Scored on <strong>MURA-v1.1 valid</strong>: 42 hidden studies, 84 images."));

        Path predictions = Files.writeString(Files.createTempFile(data.getParent(), "predictions-", ".csv"), result.predictions);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("score", new String[] {"--truth", readers.toString(), "--predictions", predictions.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JsonNode scored = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(42, scored.get("overall").get("n").asInt());
        assertEquals(Math.round(scored.get("overall").get("kappa").asDouble() * 1000) / 1000.0, boardKappa, 1e-9,
                "the board shows the score command's kappa, rounded");
        assertEquals(result.kappa, scored.get("overall").get("kappa").asDouble(), 1e-12);
    }
}

package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.testing.TestData;

/**
 * The packaged app ({@code java -jar target/quarkus-app/quarkus-run.jar}) run as a user runs it.
 * The HTTP port is held by the test while the offline commands run: they must not need it.
 */
class PackagedCommandsIT {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private Result run(int heldPort, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("arena.app.jar", "target/quarkus-app/quarkus-run.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(heldPort));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        builder.environment().put("ARENA_DATA_DIR", dir.resolve("data").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "command finished in time");
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")),
                Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void generateDataThenScoreRunOfflineWithoutTheServerOrADatabase() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path data = dir.resolve("mura");
            Result generated = run(held.getLocalPort(), "generate-data", "--out", data.toString(), "--seed", "5");
            assertEquals(0, generated.status(), generated.err());
            assertTrue(generated.out().contains("test: 207 studies, 556 images"), generated.out());

            Result scored = run(held.getLocalPort(), "score",
                    "--truth", data.resolve("labels/test_readers.csv").toString(),
                    "--predictions", data.resolve("labels/test_labeled_studies.csv").toString());
            assertEquals(0, scored.status(), scored.err());
            assertEquals("", scored.err(), "no server or database logging");
            JsonNode json = new ObjectMapper().readTree(scored.out());
            assertEquals(207, json.get("overall").get("n").asInt());
            assertEquals(1.0, json.get("overall").get("kappa").asDouble(), "the gold labels agree with themselves");
            assertEquals(3, json.get("references").size());
        }
    }

    @Test
    void dryRunOfTheBaselineRunsTheEvaluatorOfflineAndWritesItsReport() throws Exception {
        Path report = dir.resolve("report.html");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(held.getLocalPort(), "dry-run", "--model", "submissions/baseline/baseline.onnx",
                    "--manifest", "submissions/baseline/manifest.json", "--data", TestData.dataset().toString(),
                    "--report", report.toString());
            assertEquals(0, result.status(), result.err());
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertEquals(28, json.get("overall").get("n").asInt(), "the sample set's studies");
            assertTrue(result.err().contains("evaluator process"), "the child evaluator ran: " + result.err());
            assertTrue(Files.readString(report).contains("<polyline class=\"curve\""), "the report has its ROC curve");
        }
    }

    @Test
    void badInputExitsTwoWithOneLineAndNothingOnStdout() throws Exception {
        Path truth = Files.writeString(dir.resolve("t.csv"), "MURA-v1.1/test/XR_HAND/patient1/study1/,1\n");
        Path predictions = Files.writeString(dir.resolve("p.csv"), "MURA-v1.1/test/XR_HAND/patient1/study1/,NaN\n",
                StandardCharsets.UTF_8);
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(held.getLocalPort(), "score", "--truth", truth.toString(), "--predictions", predictions.toString());
            assertEquals(2, result.status());
            assertEquals("", result.out());
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertTrue(result.err().contains("p.csv:1: probability is NaN"), result.err());
        }
    }
}

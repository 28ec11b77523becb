package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.testing.TestData;

/**
 * {@code dry-run} without a server: every bad input is refused with exit 2 and one line, before
 * anything runs or is written; a model that fails exits 1 with its failure class, as the server
 * would show it, and the sample set is generated on first use from the server's seed.
 */
public class DryRunCommandTest {
    static final String TINY_MANIFEST = "{\"name\": \"tiny\", \"input\": {\"height\": 8, \"width\": 8}}";

    @TempDir
    Path dir;

    public record Result(int status, String out, String err) {
    }

    /** Runs the command in this JVM with its data directory (native libraries, scratch) under the test's folder. */
    public static Result dryRun(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DryRunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("arena.data-dir", dataDir.toString(), "arena.dry-run.occlusion-grid", "4")); // as the test server's
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = DryRunCommandTest.class.getResourceAsStream("/onnx/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void everyBadInputExitsTwoWithOneLineAndNothingRunsOrIsWritten() throws Exception {
        Path model = fixture(dir, "tiny_dynamic.onnx");
        Path manifest = Files.writeString(dir.resolve("manifest.json"), TINY_MANIFEST);
        String m = model.toString();
        String f = manifest.toString();
        Path data = TestData.dataset();
        Path container = Files.writeString(dir.resolve("container.json"), "{\"name\": \"box\", \"kind\": \"container\"}");
        Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"name\": \"x\", \"input\": {\"channels\": 2}}");
        Path external = fixture(dir, "external_initializer.onnx");
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        Path notData = Files.createDirectories(dir.resolve("not-data"));
        Files.writeString(notData.resolve("notes.txt"), "something else");
        Path dataDir = dir.resolve("data");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"one of them", "--manifest", f});
        cases.add(new String[] {"one of them", "--model", m, "--image", m, "--manifest", f});
        cases.add(new String[] {"unknown argument '--modle'", "--modle", m, "--manifest", f});
        cases.add(new String[] {"no readable file", "--model", dir.resolve("missing.onnx").toString(), "--manifest", f});
        cases.add(new String[] {"--manifest is required", "--model", m});
        cases.add(new String[] {"input.channels must be 1 or 3", "--model", m, "--manifest", invalid.toString()});
        cases.add(new String[] {"describes a container", "--model", m, "--manifest", container.toString()});
        cases.add(new String[] {"describes an ONNX model", "--image", m, "--manifest", f});
        cases.add(new String[] {"keeps its data outside the file", "--model", external.toString(), "--manifest", f});
        cases.add(new String[] {"the artifact is empty", "--model", empty.toString(), "--manifest", f});
        cases.add(new String[] {"holds no MURA-v1.1 folder", "--model", m, "--manifest", f, "--data", notData.toString()});
        cases.add(new String[] {"does not exist", "--model", m, "--manifest", f, "--data", data.toString(),
                "--report", dir.resolve("no/such/folder/report.html").toString()});
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Result result = dryRun(dataDir, args);
            assertEquals(2, result.status(), String.join(" ", args) + "\n" + result.err());
            assertEquals("", result.out());
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertTrue(result.err().startsWith("dry-run: ") && result.err().contains(c[0]), c[0] + " not in: " + result.err());
        }
        assertFalse(Files.exists(dataDir), "nothing was written to the data directory");
        assertFalse(Files.exists(dir.resolve("no")));
        assertEquals(List.of(notData.resolve("notes.txt")), Files.list(notData).toList(), "a folder that is not a dataset is left alone");
    }

    @Test
    void aModelThatFailsExitsOneWithItsFailureClassAfterTheSampleSetIsGeneratedFromTheServersSeed() throws Exception {
        Path fresh = dir.resolve("mura");
        Path report = dir.resolve("report.html");
        Result result = dryRun(dir.resolve("data"), "--model", fixture(dir, "tiny_nan.onnx").toString(),
                "--manifest", Files.writeString(dir.resolve("manifest.json"), TINY_MANIFEST).toString(),
                "--data", fresh.toString(), "--report", report.toString());

        assertEquals(1, result.status(), result.err());
        assertEquals("", result.out(), "no metrics for a failed run");
        assertTrue(result.err().contains("generating the synthetic MURA data (seed 1)"), result.err());
        assertTrue(result.err().contains("dry-run: the dry run failed (missing or invalid output): ") && result.err().contains("NaN"), result.err());
        assertTrue(result.err().contains("evaluator process"), "the evaluator's log is shown: " + result.err());
        // The server's default dataset is the same seed's: the same sample studies and labels, byte for byte.
        for (String file : List.of("MURA-v1.1/sample_labeled_studies.csv", "MURA-v1.1/sample_image_paths.csv")) {
            assertEquals(Files.readString(TestData.dataset().resolve(file)), Files.readString(fresh.resolve(file)), file);
        }
        String html = Files.readString(report);
        assertTrue(html.contains("dry run failed: missing or invalid output"), html);
        assertFalse(Files.list(dir.resolve("data/work")).findAny().isPresent(), "the scratch folder is deleted");
    }
}

package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreCommandTest {
    private static final String ELBOW = "MURA-v1.1/test/XR_ELBOW/patient00001/study1/";
    private static final String HAND = "MURA-v1.1/test/XR_HAND/patient00002/study1/";
    private static final String TRUTH = ELBOW + ",1\n" + HAND + ",0\n";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run score(String truth, String predictions, String... extra) throws Exception {
        Path t = Files.writeString(dir.resolve("truth.csv"), truth);
        Path p = Files.writeString(dir.resolve("predictions.csv"), predictions);
        String[] args = new String[4 + extra.length];
        args[0] = "--truth";
        args[1] = t.toString();
        args[2] = "--predictions";
        args[3] = p.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("score", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scoresStudyPredictionsIntoOneJsonObject() throws Exception {
        Run run = score(TRUTH, HAND + ",0.2\n" + ELBOW + ",0.9\n");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("overall").get("n").asInt());
        assertEquals(1.0, json.get("overall").get("kappa").asDouble());
        assertEquals(1.0, json.get("overall").get("auroc").asDouble());
        assertEquals(7, json.get("by_type").size());
        assertTrue(json.get("by_type").get("XR_ELBOW").get("auroc").isNull(), "one class: AUROC null, never NaN");
        assertEquals(0, json.get("by_type").get("XR_WRIST").get("n").asInt());
        assertTrue(json.path("references").isMissingNode());
    }

    @Test
    void sixReaderTruthAddsReferenceRowsForTheNonGoldReaders() throws Exception {
        Run run = score(ELBOW + ",1,1,0,1,0,1\n" + HAND + ",0,0,0,0,0,1\n", ELBOW + ",1\n" + HAND + ",0\n");
        assertEquals(0, run.status(), run.err());
        JsonNode references = new ObjectMapper().readTree(run.out()).get("references");
        assertEquals(3, references.size());
        assertEquals("Radiologist 1", references.get(0).get("reader").asText());
        assertEquals(1.0, references.get(0).get("overall").get("kappa").asDouble());
        assertEquals(0.0, references.get(1).get("overall").get("kappa").asDouble());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing study              | ELBOW,0.9                              | predictions.csv: no prediction for study " + HAND + " (",
        "duplicate study            | ELBOW,0.9;HAND,0.1;ELBOW,0.8           | predictions.csv:3: duplicate study",
        "unknown study              | ELBOW,0.9;HAND,0.1;OTHER,0.3           | predictions.csv:3: study MURA-v1.1/test/XR_WRIST/patient9/study1/ is not in the truth file",
        "NaN                        | ELBOW,NaN;HAND,0.1                     | predictions.csv:1: probability is NaN",
        "above one                  | ELBOW,0.9;HAND,1.5                     | predictions.csv:2: probability 1.5 is outside [0,1]",
        "below zero                 | ELBOW,-0.1;HAND,0.1                    | predictions.csv:1: probability -0.1 is outside [0,1]",
        "not a number               | ELBOW,high;HAND,0.1                    | predictions.csv:1: probability 'high' is not a number",
        "hex float                  | ELBOW,0x1p-1;HAND,0.1                  | predictions.csv:1: probability '0x1p-1' is not a number",
        "too many fields            | ELBOW,0.9,1;HAND,0.1                   | predictions.csv:1: expected path,probability, got 3 fields",
        "header line                | study,probability;ELBOW,0.9;HAND,0.1   | predictions.csv:1: study study/ is not in the truth file",
        "mixed image and study rows | ELBOWimage1.png,0.9;HAND,0.1           | predictions.csv:2: mixes a study row into image rows",
        "empty predictions          | ''                                     | predictions.csv: file is empty",
    })
    void badPredictionsExitTwoWithOneLineNamingFileLineAndProblem(String name, String rows, String message) throws Exception {
        String predictions = rows.isEmpty() ? "" : rows.replace("ELBOW", ELBOW).replace("HAND", HAND)
                .replace("OTHER", "MURA-v1.1/test/XR_WRIST/patient9/study1/").replace(';', '\n') + "\n";
        Run run = score(TRUTH, predictions);
        assertBadInput(run, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty truth           | ''                                   | truth.csv: file is empty",
        "duplicate truth study | ELBOW,1;HAND,0;ELBOW,0               | truth.csv:3: duplicate study " + ELBOW + " (first on line 1)",
        "label not 0 or 1      | ELBOW,1;HAND,2                       | truth.csv:2: label '2' is not 0 or 1",
        "truth with a header   | study,label;ELBOW,1;HAND,0           | truth.csv:1: study path 'study' has no XR_<TYPE> folder",
        "two readers           | ELBOW,1,0;HAND,0,0                   | truth.csv:1: expected study,label or study,r1,r2,r3",
        "ragged rows           | ELBOW,1,0,1;HAND,0                   | truth.csv:2: expected study,label or study,r1,r2,r3",
        "no body part          | MURA-v1.1/test/patient1/study1/,1    | truth.csv:1: study path 'MURA-v1.1/test/patient1/study1/' has no XR_<TYPE> folder",
    })
    void badTruthExitsTwoWithOneLineNamingFileLineAndProblem(String name, String rows, String message) throws Exception {
        String truth = rows.isEmpty() ? "" : rows.replace("ELBOW", ELBOW).replace("HAND", HAND).replace(';', '\n') + "\n";
        Run run = score(truth, ELBOW + ",0.9\n" + HAND + ",0.1\n");
        assertBadInput(run, message);
    }

    @Test
    void missingFileAndBadOptionsAreUsageErrors() throws Exception {
        assertBadInput(score(TRUTH, ELBOW + ",0.9\n" + HAND + ",0.1\n", "--aggregation", "median"),
                "aggregation must be mean or max, got 'median'");
        assertBadInput(score(TRUTH, ELBOW + ",0.9\n" + HAND + ",0.1\n", "--bootstrap", "0"),
                "bootstrap replicates must be at least 1");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("score", new String[] {"--truth", dir.resolve("absent.csv").toString(),
            "--predictions", "x"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("absent.csv: cannot read"), err.toString());
    }

    @Test
    void imageRowsAreAggregatedPerStudyByMeanOrMax() throws Exception {
        String images = ELBOW + "image1.png,0.9\n" + ELBOW + "image2.png,0.3\n" + HAND + "image1.png,0.4\n";
        Run mean = score(TRUTH, images);
        Run max = score(TRUTH, images, "--aggregation", "max");
        ObjectMapper json = new ObjectMapper();
        // mean: elbow 0.6 > 0.5 abnormal; both aggregations predict both studies correctly
        assertEquals(1.0, json.readTree(mean.out()).get("overall").get("kappa").asDouble());
        assertEquals(1.0, json.readTree(max.out()).get("overall").get("sensitivity").asDouble());
        Run lowMean = score(TRUTH, ELBOW + "image1.png,0.6\n" + ELBOW + "image2.png,0.3\n" + HAND + "image1.png,0.4\n");
        assertEquals(0.0, json.readTree(lowMean.out()).get("overall").get("sensitivity").asDouble(), "mean 0.45 is normal");
    }

    private static void assertBadInput(Run run, String message) {
        assertEquals(2, run.status());
        assertEquals("", run.out(), "nothing on stdout");
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + run.err());
        assertTrue(lines[0].contains(message), "expected '" + message + "' in: " + lines[0]);
    }
}

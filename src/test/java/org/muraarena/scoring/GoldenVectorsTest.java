package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.cli.Commands;

/**
 * Every golden case (computed independently with scikit-learn and numpy by
 * src/test/golden/make_golden.py) goes through the real {@code score} command — CSV files in,
 * JSON out — and every value must equal the reference to 1e-9, nulls included.
 */
class GoldenVectorsTest {
    private static final double TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> scoreCommandMatchesScikitLearnOnEveryGoldenCase() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/scoring-golden.json")) {
            golden = JSON.readTree(in);
        }
        assertTrue(golden.get("cases").size() >= 20, "at least 20 golden cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private void check(JsonNode c) throws Exception {
        String name = c.get("name").asText();
        Path truth = writeCsv(name + "-truth.csv", c.get("truth"));
        Path predictions = writeCsv(name + "-predictions.csv", c.get("predictions"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("score", new String[] {
            "--truth", truth.toString(), "--predictions", predictions.toString(),
            "--aggregation", c.get("aggregation").asText(),
            "--bootstrap", c.get("bootstrap").get("replicates").asText(),
            "--seed", Long.toString(Long.parseUnsignedLong(c.get("bootstrap").get("seed").asText()))},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));
        JsonNode actual = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        compare(c.get("expected"), actual, "");
    }

    private Path writeCsv(String file, JsonNode rows) throws Exception {
        StringBuilder text = new StringBuilder();
        for (JsonNode row : rows) {
            List<String> fields = new ArrayList<>();
            row.forEach(f -> fields.add(f.isNumber() && f.isIntegralNumber() ? f.asText() : f.isNumber()
                    ? Double.toString(f.asDouble()) : f.asText()));
            text.append(String.join(",", fields)).append('\n');
        }
        return Files.writeString(dir.resolve(file), text);
    }

    /** Every field of the expected tree must be in the actual one, equal to 1e-9 or both null. */
    private static void compare(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNull()) {
            assertTrue(actual != null && actual.isNull(), where + ": expected null, got " + actual);
        } else if (expected.isNumber()) {
            if (actual == null || !actual.isNumber()) {
                fail(where + ": expected " + expected + ", got " + actual);
            }
            assertEquals(expected.asDouble(), actual.asDouble(), TOLERANCE, where);
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where + " length");
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    fail(where + "." + field.getKey() + " is missing");
                }
                compare(field.getValue(), value, where + "." + field.getKey());
            }
        }
    }
}

package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** The cases of a committed golden file ({@code {"cases": [{"name": ...}, ...]}}), one dynamic test each. */
final class GoldenCases {
    private GoldenCases() {
    }

    static Stream<DynamicTest> each(String resource, int atLeast, Consumer<JsonNode> check) throws IOException {
        JsonNode golden;
        try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
            golden = new ObjectMapper().readTree(in);
        }
        assertTrue(golden.get("cases").size() >= atLeast, "at least " + atLeast + " golden cases in " + resource);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check.accept(c)));
        }
        return tests.stream();
    }
}

package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * {@code /api/leaderboard.csv} read by a strict RFC 4180 parser (Apache Commons CSV) holds every
 * entry of the JSON, teams then readers, with every value of each: pairs as {@code _lo}/{@code _hi},
 * {@code by_type} as {@code kappa_XR_*}, numbers that read back to the same doubles, null as empty.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LeaderboardCsvTest {

    @Test
    void theCsvHoldsEveryEntryOfTheJsonWithTheSameValues() throws Exception {
        LeaderboardApiTest.twoTeamsOnTheBoard();
        // The JSON and the CSV of one board: the same JSON ETag before and after reading the CSV.
        AtomicReference<JsonNode> json = new AtomicReference<>();
        AtomicReference<String> csv = new AtomicReference<>();
        Polling.upTo(Duration.ofSeconds(30), "the JSON and the CSV of one board").until(() -> {
            Response before = given().get("/api/leaderboard").then().statusCode(200).extract().response();
            csv.set(new String(given().get("/api/leaderboard.csv").then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8));
            json.set(LeaderboardApiTest.JSON.readTree(before.asString()));
            return before.header("ETag").equals(given().get("/api/leaderboard").then().extract().header("ETag"));
        });
        String text = csv.get();
        assertTrue(text.endsWith("\r\n") && !text.replace("\r\n", "").contains("\n") && !text.replace("\r\n", "").contains("\r"),
                "every line ends in CRLF");
        assertTrue(text.contains("\"" + LeaderboardApiTest.AWKWARD.replace("\"", "\"\"") + "\""), "a name with a comma and quotes is quoted");

        List<CSVRecord> records;
        List<String> header;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        List<JsonNode> entries = new ArrayList<>();
        json.get().get("rows").forEach(entries::add);
        json.get().get("references").forEach(entries::add);
        assertEquals(entries.size(), records.size(), "one line per entry");
        for (int i = 0; i < entries.size(); i++) {
            CSVRecord record = records.get(i);
            assertTrue(record.isConsistent(), "line " + (i + 2) + " has " + record.size() + " fields for " + header.size() + " columns");
            boolean team = i < json.get().get("rows").size();
            assertEquals(team ? "team" : "reference", record.get("kind"));
            Map<String, JsonNode> expected = flatten(entries.get(i));
            for (Map.Entry<String, JsonNode> field : expected.entrySet()) {
                assertTrue(header.contains(field.getKey()), "no column for the JSON's " + field.getKey());
                assertSame(field.getValue(), record.get(field.getKey()), "line " + (i + 2) + ", " + field.getKey());
            }
            for (String column : header) {
                if (!column.equals("kind") && !expected.containsKey(column)) {
                    assertEquals("", record.get(column), "line " + (i + 2) + ": " + column + " is not a field of this entry");
                }
            }
        }
    }

    /** A JSON entry as CSV columns: pairs split, {@code by_type} as each type's kappa. */
    static Map<String, JsonNode> flatten(JsonNode entry) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        entry.fields().forEachRemaining(f -> {
            if (f.getKey().equals("by_type")) {
                f.getValue().fields().forEachRemaining(t -> flat.put("kappa_" + t.getKey(), t.getValue().get("kappa")));
            } else if (f.getValue().isArray()) {
                assertEquals(2, f.getValue().size(), f.getKey());
                flat.put(f.getKey() + "_lo", f.getValue().get(0));
                flat.put(f.getKey() + "_hi", f.getValue().get(1));
            } else {
                flat.put(f.getKey(), f.getValue());
            }
        });
        return flat;
    }

    private static void assertSame(JsonNode json, String csv, String where) {
        if (json == null || json.isNull()) {
            assertEquals("", csv, where);
        } else if (json.isNumber()) {
            assertFalse(csv.isEmpty(), where);
            assertEquals(json.doubleValue(), Double.parseDouble(csv), 0.0, where);
        } else {
            assertEquals(json.asText(), csv, where);
        }
    }
}

package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.muraarena.http.security.PageSessions;
import org.muraarena.testing.ArenaTestResource;

/**
 * Every JSON document and page a team can fetch that shows its hidden run, normalized: values that
 * name the team or the upload, and clock readings, are masked; everything else is kept. The team's
 * own row is cut from the public board (JSON and page), which also holds the other teams'.
 * {@code releasedAt} is checked to lie on a tick of the release period before it is masked. Nothing
 * else is a team's to read about a hidden run: {@code /api/teams} only creates teams (the organizer's),
 * {@code /api/artifacts} gives back the team's own upload.
 */
final class TeamDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IDS = Set.of("id", "teamId", "submissionId");
    private static final Set<String> TIMES = Set.of("createdAt", "taggedAt", "releasedAt", "queuedAt", "startedAt",
            "finishedAt", "submittedAt");
    private static final long PERIOD_MILLIS = Duration.parse(ArenaTestResource.RELEASE_EVERY).toMillis();
    /** Seconds in a log line ("scored 75 images in 0.4 s"): how long the dry run took, not what it saw. */
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)? ?((CPU|GPU) )?(s|ms)\\b");
    private static final Pattern PROCESS = Pattern.compile("process \\d+");
    /** ONNX Runtime's own log lines start with a clock reading. */
    private static final Pattern CLOCK = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d+");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})? UTC)?");
    private static final Pattern DATETIME_ATTR = Pattern.compile("datetime=\"[^\"]*\"");
    /** A dry run's measured cost on the page: noise of the machine, not what the model saw. */
    private static final Pattern COMPUTE = Pattern.compile("<span class=\"muted compute\">[^<]*</span>");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"[^\"]*\"");
    private static final Pattern BOARD_BODY = Pattern.compile("(<table class=\"board\">.*?<tbody>)(.*?)(</tbody>)", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr>.*?</tr>", Pattern.DOTALL);

    /** A team with its one submission, and a page session of its own. */
    record Member(String label, String team, String token, long teamId, long submissionId, String sha256, String session) {
    }

    private TeamDocuments() {
    }

    /** The member's documents now, by what was fetched, normalized. */
    static Map<String, String> fetch(Member m) throws Exception {
        Map<String, String> docs = new LinkedHashMap<>();
        // The board first: a row seen there must belong to a success already released in the views after it.
        docs.put("GET /api/leaderboard", json(m, ownRow(m, JSON.readTree(given().get("/api/leaderboard")
                .then().statusCode(200).extract().asString()))));
        docs.put("GET /", html(m, ownRow(m, page(m, "/"))));
        docs.put("GET /api/submissions/{id}", json(m, api(m, "/api/submissions/" + m.submissionId())));
        docs.put("GET /api/submissions", json(m, api(m, "/api/submissions")));
        docs.put("GET /submissions/{id}", html(m, page(m, "/submissions/" + m.submissionId())));
        docs.put("GET /submissions", html(m, page(m, "/submissions")));
        docs.put("GET /teams/{id}", html(m, page(m, "/teams/" + m.teamId())));
        return docs;
    }

    private static JsonNode api(Member m, String path) throws Exception {
        return JSON.readTree(given().header("Authorization", "Bearer " + m.token()).get(path)
                .then().statusCode(200).extract().asString());
    }

    private static String page(Member m, String path) {
        return given().cookie(PageSessions.COOKIE, m.session()).get(path).then().statusCode(200).extract().asString();
    }

    /** The board with only the member's row, if any, left among the teams' rows. */
    private static JsonNode ownRow(Member m, JsonNode board) {
        ArrayNode own = JSON.createArrayNode();
        board.get("rows").forEach(row -> {
            if (row.get("teamId").asLong() == m.teamId()) {
                own.add(row);
            }
        });
        ((ObjectNode) board).set("rows", own);
        return board;
    }

    private static String ownRow(Member m, String html) {
        Matcher body = BOARD_BODY.matcher(html);
        assertTrue(body.find(), "the board's rows on the page");
        StringBuilder own = new StringBuilder();
        Matcher row = ROW.matcher(body.group(2));
        while (row.find()) {
            if (row.group().contains("href=\"/teams/" + m.teamId() + "\"")) {
                own.append(row.group());
            }
        }
        return html.substring(0, body.start(2)) + own + html.substring(body.end(2));
    }

    private static String json(Member m, JsonNode node) throws Exception {
        mask(m, node);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static void mask(Member m, JsonNode node) {
        if (node.isArray()) {
            node.forEach(n -> mask(m, n));
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        SanityCheckMask.json(object, "<sanity check>");
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (value.isNull()) {
                continue; // whether a value is there at all is kept
            }
            if (key.equals("releasedAt")) {
                long millis = Instant.parse(value.asText()).toEpochMilli();
                assertEquals(0, Math.floorMod(millis, PERIOD_MILLIS), "released on a tick: " + value);
            }
            if (IDS.contains(key)) {
                f.setValue(JSON.getNodeFactory().textNode("<id>"));
            } else if (TIMES.contains(key)) {
                f.setValue(JSON.getNodeFactory().textNode("<time>"));
            } else if (key.equals("team")) {
                assertEquals(m.team(), value.asText());
                f.setValue(JSON.getNodeFactory().textNode("<team>"));
            } else if (key.equals("sha256")) {
                assertEquals(m.sha256(), value.asText());
                f.setValue(JSON.getNodeFactory().textNode("<sha256>"));
            } else if (key.equals("cpuSeconds") || key.equals("gpuSeconds")) {
                f.setValue(JSON.getNodeFactory().textNode("<seconds>")); // a dry run's cost: noise, not what it saw
            } else if (key.endsWith("Url") && value.isTextual()) { // an explanation picture's
                f.setValue(JSON.getNodeFactory().textNode(value.asText().replace("/submissions/" + m.submissionId() + "/", "/submissions/<id>/")));
            } else if (key.equals("log")) {
                f.setValue(JSON.getNodeFactory().textNode(log(value.asText())));
            } else {
                mask(m, value);
            }
        }
    }

    /**
     * A dry run's log (the hidden run's is the organizer's) with its clock readings, seconds and the
     * evaluator's process id masked and its lines sorted: the child's stdout and stderr interleave by chance.
     */
    private static String log(String text) {
        String masked = PROCESS.matcher(SECONDS.matcher(CLOCK.matcher(text).replaceAll("<time>")).replaceAll("<seconds>"))
                .replaceAll("process <pid>");
        return masked.lines().sorted().collect(Collectors.joining("\n"));
    }

    private static String html(Member m, String page) {
        String text = page.replace(m.team(), "<team>").replace(m.sha256(), "<sha256>")
                .replace(m.sha256().substring(0, 12), "<sha256>")
                .replace("/submissions/" + m.submissionId() + "\"", "/submissions/<id>\"")
                .replace("/submissions/" + m.submissionId() + "/explanations/", "/submissions/<id>/explanations/")
                .replace(">" + m.submissionId() + "</a>", "><id></a>")
                .replace("#" + m.submissionId() + "<", "#<id><")
                .replace("(#" + m.submissionId() + ")", "(#<id>)")
                .replace("/teams/" + m.teamId() + "\"", "/teams/<id>\"");
        text = SanityCheckMask.html(text, "<sanity check>");
        text = DATETIME_ATTR.matcher(text).replaceAll("datetime=\"<time>\"");
        text = DATE_TIME.matcher(text).replaceAll("<time>");
        text = CSRF.matcher(text).replaceAll("name=\"csrf\" value=\"<csrf>\"");
        text = COMPUTE.matcher(text).replaceAll("<span class=\"muted compute\"><seconds></span>");
        int log = text.indexOf("<pre class=\"log\"");
        if (log >= 0) {
            int end = text.indexOf("</pre>", log);
            int start = text.indexOf('>', log) + 1;
            text = text.substring(0, start) + log(text.substring(start, end)) + text.substring(end);
        }
        return text;
    }
}

package org.muraarena.http.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the two members of a pair may differ in, and what no team document may hold. {@link #blind}
 * hides exactly the allowed differences from a normalized document — the final status (SUCCEEDED or
 * FAILED, with the failure's fixed sentence), the released numbers and the Ladder's bit, and the
 * team's board row, whose presence follows a released success (checked on its own) — so that
 * whatever else differs between the members shows.
 */
final class OutcomeBlind {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys that would tell a team more than its released scores, anywhere outside its dry run. */
    static final Set<String> FORBIDDEN_KEYS = Set.of("n", "sensitivity", "specificity", "progress", "duration", "log",
            "failureClass", "exitCode", "exit_code", "error", "startedAt", "finishedAt", "queuePosition", "provider", "roc");
    /** Words of the hidden run's details as the organizer sees them. */
    static final List<String> FORBIDDEN_WORDS = List.of("<progress", " images", "class=\"log\"", "Failure:", "finished",
            "Sensitivity", "Specificity", "exit code", "NaN", "invalid output", "INVALID_OUTPUT", "time limit", "TIME_LIMIT");
    private static final Pattern FINAL_STATUS = Pattern.compile("data-status=\"(SUCCEEDED|FAILED)\">(succeeded|failed)<");
    private static final Pattern REMOVED = Pattern.compile(String.join("|",
            "<p class=\"error\" role=\"alert\">[^<]*</p>",
            "<p>The hidden evaluation failed\\.[^<]*</p>",
            "<p class=\"ladder\">[^<]*</p>",
            "<div class=\"table-scroll\" tabindex=\"0\">\\s*<table class=\"metrics\">\\s*<caption>Your released best</caption>.*?</div>"),
            Pattern.DOTALL);
    private static final Pattern RANK = Pattern.compile("Rank <strong>\\d+</strong> on the leaderboard\\.|Not on the leaderboard yet\\.");
    private static final Pattern SCORE_CELL = Pattern.compile("<td class=\"num metric\">.*?</td>", Pattern.DOTALL);
    private static final Pattern LADDER_CELL = Pattern.compile("<td>(—|new best|best kept)</td>");
    private static final Pattern BOARD_BODY = Pattern.compile("(<table class=\"board\">.*?<tbody>)(.*?)(</tbody>)", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private OutcomeBlind() {
    }

    /** The normalized document {@code doc} of {@code endpoint} with the allowed differences hidden. */
    static String blind(String endpoint, String doc) throws Exception {
        if (endpoint.startsWith("GET /api/")) {
            JsonNode node = JSON.readTree(doc);
            if (node.has("rows")) {
                ((ObjectNode) node).putArray("rows");
            } else if (node.isArray()) {
                node.forEach(OutcomeBlind::blindSubmission);
            } else {
                blindSubmission(node);
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        }
        String text = FINAL_STATUS.matcher(doc).replaceAll("data-status=\"<outcome>\"><outcome><");
        text = REMOVED.matcher(text).replaceAll("");
        text = RANK.matcher(text).replaceAll("<rank>");
        text = SCORE_CELL.matcher(text).replaceAll("<td class=\"num metric\"><released></td>");
        text = LADDER_CELL.matcher(text).replaceAll("<td><ladder></td>");
        Matcher board = BOARD_BODY.matcher(text);
        text = board.find() ? text.substring(0, board.start(2)) + text.substring(board.end(2)) : text;
        return text.replaceAll("\\s+", " "); // what was cut leaves blank lines of its own shape
    }

    private static void blindSubmission(JsonNode node) {
        ObjectNode s = (ObjectNode) node;
        JsonNode hidden = s.get("evaluation");
        String status = hidden.path("status").asText();
        if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
            s.put("status", "<outcome>");
            s.put("error", "<outcome>");
            ((ObjectNode) hidden).put("status", "<outcome>");
            ((ObjectNode) hidden).remove(List.of("metrics", "ladder"));
        }
    }

    /** The submission's document outside its dry run holds none of the hidden run's details. */
    static void assertNothingOfTheRunIn(JsonNode submission) {
        for (String path : HiddenEvaluationViewTest.keyPaths(submission)) {
            if (path.startsWith("dryRun")) {
                continue;
            }
            String key = path.substring(path.lastIndexOf('.') + 1);
            assertFalse(FORBIDDEN_KEYS.contains(key) && !path.equals("error"), "no " + key + " in " + submission);
        }
        String error = submission.path("error").asText("");
        assertTrue(error.isEmpty() || error.equals(
                "hidden evaluation failed; its details stay with the organizers: the dry run is the place to debug"), error);
        assertNoWords(submission.get("evaluation").toString() + submission.get("status"));
    }

    static void assertNoWords(String text) {
        for (String word : FORBIDDEN_WORDS) {
            assertFalse(text.contains(word), "'" + word + "' shown to the team: " + text);
        }
    }

    /** Every number in an HTML fragment's text (but the headers' "95% CI") is a score with exactly 3 decimals: no count. */
    static void assertOnlyRoundedScores(String html) {
        String text = html.replaceAll("<[^>]*>", " ").replace("[95% CI]", "");
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            assertTrue(m.group().matches("\\d\\.\\d{3}"), "only 3-decimal scores, found " + m.group() + " in " + text);
        }
    }
}

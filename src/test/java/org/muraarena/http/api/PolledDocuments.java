package org.muraarena.http.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.muraarena.competition.team.Team;
import org.muraarena.http.PageLogin;
import org.muraarena.http.security.PageSessions;
import org.muraarena.testing.Polling;

/**
 * Everything one team can fetch that may speak of one of its submissions (its JSON, its list, the
 * board, and the pages of the submission, the list, the team and the board), fetched together and
 * masked of what differs between two teams for reasons other than the hidden run: their names, ids,
 * content hashes and sizes, times, CSRF tokens and the dry run's log (dry runs are transparent; their
 * outcome is compared through the rest of the dry-run section). Two teams whose hidden runs must look
 * alike are then compared document by document: {@link #versions} keeps each document's distinct
 * versions in the order seen (per document, since a change may fall between two fetches of one poll).
 */
final class PolledDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMISSION = "/api/submissions/{id}";
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final Pattern PAGE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}( UTC)?)?");
    /** A dry run's measured cost on the page: noise of the machine, not what the model saw. */
    private static final Pattern COMPUTE = Pattern.compile("<span class=\"muted compute\">[^<]*</span>");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"[^\"]*\"");
    private static final Pattern SIZE = Pattern.compile("<dt>Size</dt><dd>[^<]*</dd>");
    private static final Pattern DRY_RUN_LOG = Pattern.compile("(?s)<pre class=\"log\"[^>]*>.*?</pre>");

    private final String token;
    private final String session;
    private final long submission;
    private final long team;
    private final Map<String, String> own = new LinkedHashMap<>();
    /** Each document's distinct versions, in the order seen, by the path it was fetched from (ids as {id}). */
    final Map<String, List<String>> versions = new LinkedHashMap<>();

    PolledDocuments(String token, long submission) throws Exception {
        this.token = token;
        this.submission = submission;
        this.session = PageLogin.session(token);
        JsonNode view = json("/api/submissions/" + submission);
        String name = view.get("team").asText();
        this.team = QuarkusTransaction.requiringNew().call(() -> Team.byName(name).id);
        own.put(view.get("sha256").asText(), "«sha256»");
        own.put(view.get("sha256").asText().substring(0, 12), "«sha256»");
        own.put(name, "«team»");
        own.put(view.get("model").asText(), "«model»");
    }

    /** Fetches every document; keeps each version that differs from the document's last one kept. */
    void poll() {
        snapshot().forEach((path, body) -> {
            List<String> seen = versions.computeIfAbsent(path, p -> new ArrayList<>());
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(body)) {
                seen.add(body);
            }
        });
    }

    /** The hidden run's status as the team last saw it. */
    String hiddenStatus() {
        List<String> views = versions.get(SUBMISSION);
        return hiddenStatus(views.get(views.size() - 1));
    }

    /** The hidden run's statuses in the order the team saw them, repeats dropped. */
    List<String> hiddenStatuses() {
        List<String> seen = new ArrayList<>();
        for (String view : versions.get(SUBMISSION)) {
            String status = hiddenStatus(view);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
        }
        return seen;
    }

    private static String hiddenStatus(String view) {
        try {
            return JSON.readTree(view.substring("200 ".length())).path("evaluation").path("status").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("the submission's JSON: " + view, e);
        }
    }

    /** Polls every team once a second until {@code done} holds, for at most {@code atMost}. */
    static void pollEachSecond(Duration atMost, String what, BooleanSupplier done, PolledDocuments... teams) {
        Polling.upTo(atMost, what).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (PolledDocuments t : teams) {
                t.poll();
            }
            return done.getAsBoolean();
        });
    }

    /** Every document, masked, by the path it was fetched from (ids as {id}), each with its HTTP status. */
    Map<String, String> snapshot() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put(SUBMISSION, api("/api/submissions/" + submission));
        docs.put("/api/submissions", api("/api/submissions"));
        docs.put("/api/leaderboard", api("/api/leaderboard"));
        docs.put("/submissions/{id}", page("/submissions/" + submission));
        docs.put("/submissions", page("/submissions"));
        docs.put("/teams/{id}", page("/teams/" + team));
        docs.put("/", page("/"));
        return docs;
    }

    private String api(String path) {
        Response r = given().header("Authorization", "Bearer " + token).get(path);
        return r.statusCode() + " " + maskJson(r.asString());
    }

    private String page(String path) {
        Response r = given().cookie(PageSessions.COOKIE, session).get(path);
        return r.statusCode() + " " + maskPage(r.asString());
    }

    private JsonNode json(String path) throws Exception {
        return JSON.readTree(given().header("Authorization", "Bearer " + token).get(path).then().statusCode(200).extract().asString());
    }

    private String maskJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            mask(node);
            return literals(node.toString());
        } catch (Exception e) {
            return "not JSON: " + literals(body);
        }
    }

    /** Times, this submission's id and size, and the dry run's log, recursively. */
    private void mask(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(this::mask);
        } else if (node instanceof ObjectNode object) {
            if (object.path("id").asLong() == submission) {
                object.put("id", "«id»");
                object.put("sizeBytes", "«size»");
            }
            SanityCheckMask.json(object, "«sanity check»");
            if (object.get("dryRun") instanceof ObjectNode dryRun && dryRun.path("log").isTextual()) {
                dryRun.put("log", "«dry-run log»");
            }
            if (object.has("compute")) {
                // A dry run's cost (the only one a team sees) is noise of the machine, not what the run saw:
                // even whether there is one, since a container that ends before the meter's first sample
                // (a busy machine) has none.
                object.put("compute", "«compute»");
            }
            for (Iterator<Map.Entry<String, JsonNode>> urls = object.fields(); urls.hasNext(); ) {
                Map.Entry<String, JsonNode> url = urls.next();
                if (url.getKey().endsWith("Url") && url.getValue().isTextual()) {
                    url.setValue(JSON.getNodeFactory().textNode(url.getValue().asText()
                            .replace("/submissions/" + submission + "/", "/submissions/«id»/"))); // explanation pictures
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual() && INSTANT.matcher(f.getValue().asText()).matches()) {
                    f.setValue(TextNode.valueOf("«time»"));
                } else {
                    mask(f.getValue());
                }
            }
        }
    }

    private String maskPage(String html) {
        int dry = html.indexOf("aria-labelledby=\"dry-title\"");
        if (dry >= 0) {
            // to the hidden run's section: the dry run's holds sections of its own (summary, gallery)
            int hidden = html.indexOf("aria-labelledby=\"hidden-title\"", dry);
            int end = hidden >= 0 ? hidden : html.length();
            html = html.substring(0, dry) + DRY_RUN_LOG.matcher(html.substring(dry, end)).replaceAll("«dry-run log»") + html.substring(end);
        }
        html = CSRF.matcher(html).replaceAll("«csrf»");
        html = SanityCheckMask.html(html, "«sanity check»");
        html = COMPUTE.matcher(html).replaceAll(""); // there or not: see mask(JsonNode)
        html = SIZE.matcher(html).replaceAll("«size»");
        html = html.replaceAll("/submissions/" + submission + "\\b", "/submissions/«id»").replaceAll("#" + submission + "\\b", "#«id»")
                .replace("href=\"/submissions/«id»\">" + submission + "<", "href=\"/submissions/«id»\">«id»<")
                .replaceAll("/teams/" + team + "\\b", "/teams/«id»");
        return literals(PAGE_TIME.matcher(INSTANT.matcher(html).replaceAll("«time»")).replaceAll("«time»"));
    }

    private String literals(String text) {
        for (Map.Entry<String, String> e : own.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    /** Each document whose versions differ between two teams, with the first differing version of each. */
    static String differences(PolledDocuments a, PolledDocuments b) {
        StringBuilder out = new StringBuilder();
        a.versions.forEach((path, mine) -> {
            List<String> theirs = b.versions.getOrDefault(path, List.of());
            for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
                String x = i < mine.size() ? mine.get(i) : "(none)";
                String y = i < theirs.size() ? theirs.get(i) : "(none)";
                if (!x.equals(y)) {
                    out.append(path).append(", version ").append(i + 1).append(" of ").append(mine.size()).append(" / ")
                            .append(theirs.size()).append(":\n--- one team\n").append(x).append("\n--- the other\n").append(y).append('\n');
                    break;
                }
            }
        });
        return out.toString();
    }

    /** Writes every version of every document under {@code dir}, one file each, to read after a run. */
    void write(Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (Map.Entry<String, List<String>> e : versions.entrySet()) {
            String name = e.getKey().equals("/") ? "board-page" : e.getKey().substring(1).replaceAll("[/{}]+", "_");
            for (int i = 0; i < e.getValue().size(); i++) {
                java.nio.file.Files.writeString(dir.resolve(name + "." + (i + 1) + ".txt"), e.getValue().get(i));
            }
        }
    }
}

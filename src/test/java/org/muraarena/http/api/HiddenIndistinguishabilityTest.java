package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.muraarena.core.ManifestCodec;
import org.muraarena.dataset.DatasetService;
import org.muraarena.http.PageLogin;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * Issue 9's indistinguishability test, against the real server (ONNX Runtime in a child JVM, real
 * PostgreSQL): pairs of models that agree on every sample image and differ only on hidden ones. Two
 * fresh teams upload one member each; both dry runs succeed alike; both are tagged; then every JSON
 * document and page either team can fetch about its run is polled every second until both results
 * are released. Normalized, the two teams' sequences of distinct documents may differ only in the
 * final status, the released numbers and the Ladder's bit. The organizer still sees everything.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class HiddenIndistinguishabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMISSION = "GET /api/submissions/{id}";
    private static final Set<String> BOARD_SCORES = Set.of("kappa", "kappa_ci", "kappa_ci_official", "auroc", "auroc_ci", "by_type");
    /** A board row: who, what, when, the released scores and the rank statistics over them; no count. */
    private static final Set<String> BOARD_ROW = Set.of("rank", "team", "teamId", "model", "submissionId", "kappa", "kappa_ci",
            "kappa_ci_official", "auroc", "auroc_ci", "by_type", "provider", "submittedAt", "rank_ci", "p_vs_next", "group");
    /** Loop iterations for a batch holding a bright image: a fraction of a second of ONNX Runtime's time. */
    private static final float LOOP_TRIPS = 100_000f;
    private static ImageBrightness data;

    @Inject
    DatasetService dataset;

    @Test
    void nanOnBrightHiddenImagesShowsOnlyAReleasedFailure() throws Exception {
        double t = threshold();
        Pair pair = run("nan", ProbeModels.nanAbove(t), ProbeModels.nanAbove(Double.POSITIVE_INFINITY));
        pair.assertOutcomes("FAILED", "SUCCEEDED");
        JsonNode organizer = HiddenEvaluationViewTest.organizerView(pair.probe.submissionId()).get("evaluation");
        assertEquals("INVALID_OUTPUT", organizer.get("failureClass").asText(), organizer.toString());
        assertTrue(organizer.get("error").asText().contains("NaN"), organizer.toString());
    }

    @Test
    void anExpensiveLoopOnBrightHiddenImagesCannotBeTimed() throws Exception {
        double t = threshold();
        Pair pair = run("loop", ProbeModels.loopAbove(t, LOOP_TRIPS), ProbeModels.loopAbove(t, 0f));
        pair.assertOutcomes("SUCCEEDED", "SUCCEEDED");
        assertEquals(pair.released(pair.probe), pair.released(pair.control), "the same predictions, the same numbers");
    }

    @Test
    void callingOneHiddenStudyAbnormalTellsOnlyTheRoundedReleasedScores() throws Exception {
        List<ImageBrightness.Band> bands = brightness().twoStudiesWithDifferentLabels();
        ImageBrightness.Band abnormal = bands.get(0);
        ImageBrightness.Band normal = bands.get(1);
        Pair pair = run("one-study", ProbeModels.abnormalWithin(abnormal.low(), abnormal.high()),
                ProbeModels.abnormalWithin(normal.low(), normal.high()));
        pair.assertOutcomes("SUCCEEDED", "SUCCEEDED");
        assertNotEquals(pair.released(pair.probe), pair.released(pair.control), "the released kappa is the one bit it gives away");
        System.out.printf("NOTICE: one-study probes called %s (%d image(s), gold 1) and %s (%d image(s), gold 0) abnormal%n",
                abnormal.study(), abnormal.images(), normal.study(), normal.images());
    }

    private double threshold() throws Exception {
        double t = brightness().brightThreshold(3);
        List<ImageBrightness.Image> bright = brightness().bright(t);
        System.out.printf("NOTICE: bright = mean input above %.5f: %d hidden images (of %d) in %d studies, none of the sample set%n",
                t, bright.size(), brightness().images().stream().filter(ImageBrightness.Image::hidden).count(),
                bright.stream().map(ImageBrightness.Image::study).distinct().count());
        return t;
    }

    private ImageBrightness brightness() throws Exception {
        if (data == null) {
            data = ImageBrightness.of(dataset, ManifestCodec.parse(SubmissionResourceTest.TINY_MANIFEST).input());
        }
        return data;
    }

    /** The pair's two teams, what each saw (distinct normalized documents by endpoint, in order), and checks. */
    private record Pair(TeamDocuments.Member probe, TeamDocuments.Member control,
                        Map<String, List<String>> probeSaw, Map<String, List<String>> controlSaw) {

        void assertOutcomes(String probeOutcome, String controlOutcome) throws Exception {
            assertFinal(probe, probeSaw, probeOutcome);
            assertFinal(control, controlSaw, controlOutcome);
            for (String endpoint : probeSaw.keySet()) {
                assertEquals(blinded(endpoint, probeSaw.get(endpoint)), blinded(endpoint, controlSaw.get(endpoint)),
                        endpoint + ": the two teams saw different documents beyond outcome, released scores and Ladder bit");
            }
            for (TeamDocuments.Member m : List.of(probe, control)) {
                JsonNode organizer = HiddenEvaluationViewTest.organizerView(m.submissionId()).get("evaluation");
                assertTrue(organizer.get("log").asText().contains("HIDDEN on the test set"), organizer.toString());
                assertTrue(organizer.get("progress").get("total").asInt() > 0, organizer.toString());
                if (organizer.get("status").asText().equals("SUCCEEDED")) {
                    assertTrue(organizer.get("metrics").get("overall").get("n").asInt() > 0, "full metrics: " + organizer);
                    assertTrue(organizer.get("metrics").get("overall").has("sensitivity"), "full metrics: " + organizer);
                }
                Duration took = Duration.between(Instant.parse(organizer.get("startedAt").asText()),
                        Instant.parse(organizer.get("finishedAt").asText()));
                System.out.printf("NOTICE: hidden run of %s: %s in %.1f s (organizer's view); progress %s%n", m.label(),
                        organizer.get("status").asText(), took.toMillis() / 1000.0, organizer.get("progress"));
            }
        }

        JsonNode released(TeamDocuments.Member m) throws Exception {
            List<String> views = (m == probe ? probeSaw : controlSaw).get(SUBMISSION);
            return JSON.readTree(views.get(views.size() - 1)).get("evaluation").get("metrics");
        }

        private static void assertFinal(TeamDocuments.Member m, Map<String, List<String>> saw, String outcome) throws Exception {
            List<String> views = saw.get(SUBMISSION);
            JsonNode last = JSON.readTree(views.get(views.size() - 1));
            assertEquals(outcome, last.get("evaluation").get("status").asText(), m.label() + ": " + last);
            List<String> boards = saw.get("GET /api/leaderboard");
            assertEquals(outcome.equals("SUCCEEDED"), JSON.readTree(boards.get(boards.size() - 1)).get("rows").size() == 1,
                    m.label() + ": on the board once its success is released: " + boards.get(boards.size() - 1));
            for (String board : boards) {
                for (JsonNode row : JSON.readTree(board).get("rows")) {
                    assertEquals(BOARD_ROW, HiddenEvaluationViewTest.keyPaths(row).stream().filter(k -> !k.contains("."))
                            .collect(Collectors.toSet()), row.toString());
                    BOARD_SCORES.forEach(key -> HiddenEvaluationViewTest.assertThousandths(row.get(key)));
                    assertEquals(last.get("evaluation").get("metrics").get("by_type"), row.get("by_type"), "the released best");
                }
            }
            for (String doc : saw.get("GET /api/submissions")) {
                JSON.readTree(doc).forEach(OutcomeBlind::assertNothingOfTheRunIn);
            }
            for (String doc : views) {
                JsonNode view = JSON.readTree(doc);
                String status = view.get("evaluation").get("status").asText();
                assertTrue(Set.of("RUNNING", "SUCCEEDED", "FAILED").contains(status), m.label() + " saw " + status);
                OutcomeBlind.assertNothingOfTheRunIn(view);
                if (status.equals("SUCCEEDED")) {
                    HiddenEvaluationViewTest.assertReleasedShape(view.get("evaluation"));
                } else {
                    assertFalse(view.get("evaluation").has("metrics"), "no metrics for a run " + status + ": " + view);
                    assertFalse(view.get("evaluation").has("ladder"), view.toString());
                }
            }
            for (String doc : saw.get("GET /teams/{id}")) {
                OutcomeBlind.assertNoWords(doc.substring(doc.indexOf("id=\"hidden-title\"")));
                OutcomeBlind.assertOnlyRoundedScores(between(doc, "<tbody>", "</tbody>"));
            }
            for (String doc : saw.get("GET /submissions")) {
                OutcomeBlind.assertNoWords(between(doc, "<tbody>", "</tbody>"));
                OutcomeBlind.assertOnlyRoundedScores(between(doc, "<tbody>", "</tbody>"));
            }
            for (String doc : saw.get("GET /submissions/{id}")) {
                String hidden = HiddenEvaluationViewTest.hiddenSection(doc);
                OutcomeBlind.assertNoWords(hidden.substring(0, hidden.indexOf("</section>")));
                OutcomeBlind.assertOnlyRoundedScores(hidden.substring(0, hidden.indexOf("</section>")));
            }
            for (String doc : saw.get("GET /")) {
                String ownRow = between(doc, "<tbody>", "</tbody>");
                OutcomeBlind.assertOnlyRoundedScores(ownRow.replaceAll("<td class=\"num rank\">\\d+</td>", ""));
            }
        }

        private static List<String> blinded(String endpoint, List<String> docs) throws Exception {
            List<String> out = new ArrayList<>();
            for (String doc : docs) {
                String b = OutcomeBlind.blind(endpoint, doc);
                if (out.isEmpty() || !out.get(out.size() - 1).equals(b)) {
                    out.add(b);
                }
            }
            return out;
        }
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        return start < 0 ? "" : text.substring(start, text.indexOf(to, start));
    }

    /** Uploads both members, checks that their dry runs agree, tags both, and watches until both are released. */
    private Pair run(String name, byte[] probeModel, byte[] controlModel) throws Exception {
        assertEquals(probeModel.length, controlModel.length, "a pair's files have the same size");
        TeamDocuments.Member probe = member(name + " probe", probeModel);
        TeamDocuments.Member control = member(name + " control", controlModel);
        JsonPath probeDry = SubmissionResourceTest.awaitFinished(probe.token(), probe.submissionId(), "dryRun");
        JsonPath controlDry = SubmissionResourceTest.awaitFinished(control.token(), control.submissionId(), "dryRun");
        assertEquals("SUCCEEDED", probeDry.getString("dryRun.status"), probeDry.prettify());
        assertEquals("SUCCEEDED", controlDry.getString("dryRun.status"), controlDry.prettify());
        assertEquals(JSON.valueToTree(probeDry.get("dryRun.metrics")), JSON.valueToTree(controlDry.get("dryRun.metrics")),
                "the two members agree on every sample image");

        HiddenEvaluationViewTest.tag(probe.token(), probe.submissionId());
        HiddenEvaluationViewTest.tag(control.token(), control.submissionId());
        Map<String, List<String>> probeSaw = new LinkedHashMap<>();
        Map<String, List<String>> controlSaw = new LinkedHashMap<>();
        int[] pollsAfterRelease = {0};
        Polling.upTo(Duration.ofMinutes(5), name + ": both hidden results released, then polled once more")
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    boolean released = observe(probe, probeSaw) & observe(control, controlSaw);
                    return released && ++pollsAfterRelease[0] > 1;
                });
        return new Pair(probe, control, probeSaw, controlSaw);
    }

    /** Fetches every document of {@code m} once, keeping each that differs from the last seen; whether its result is released. */
    private static boolean observe(TeamDocuments.Member m, Map<String, List<String>> saw) throws Exception {
        Map<String, String> docs = TeamDocuments.fetch(m);
        docs.forEach((endpoint, doc) -> {
            List<String> seq = saw.computeIfAbsent(endpoint, e -> new ArrayList<>());
            if (seq.isEmpty() || !seq.get(seq.size() - 1).equals(doc)) {
                seq.add(doc);
            }
        });
        // The board is fetched before the view: a row seen there must belong to an already released success.
        boolean onBoard = JSON.readTree(docs.get("GET /api/leaderboard")).get("rows").size() > 0;
        JsonNode view = JSON.readTree(docs.get(SUBMISSION)).get("evaluation");
        assertTrue(!onBoard || view.get("status").asText().equals("SUCCEEDED"), m.label() + ": on the board only after a released success");
        return !view.get("releasedAt").isNull();
    }

    private static TeamDocuments.Member member(String label, byte[] model) {
        String team = "Indist " + label + " " + Long.toHexString(System.nanoTime());
        JsonPath created = given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .contentType("application/json").body(Map.of("name", team)).post("/api/teams")
                .then().statusCode(201).extract().jsonPath();
        String token = created.getString("token");
        JsonPath accepted = SubmissionResourceTest.upload(token, model, SubmissionResourceTest.TINY_MANIFEST)
                .then().statusCode(202).extract().jsonPath();
        long id = accepted.getLong("id");
        String sha = given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id)
                .then().statusCode(200).extract().path("sha256");
        return new TeamDocuments.Member(label, team, token, created.getLong("id"), id, sha, PageLogin.session(token));
    }
}

package org.muraarena.http.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ConfusionMatrix;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

class DryRunSummaryTest {
    private final SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
    private final Map<String, Double> studies = new HashMap<>();

    private void study(BodyPart part, int patient, int gold, double probability) {
        String path = "MURA-v1.1/valid/" + part + "/patient" + patient + "/study1_" + (gold == 1 ? "positive" : "negative") + "/";
        truth.put(path, new Scorer.Truth(part, gold));
        studies.put(path, probability);
    }

    /**
     * Elbow: calls 1 1 0 0 against gold 1 0 0 1 (kappa 0). Hand: one abnormal study missed and one
     * normal called abnormal among six (kappa −0.2). The other five types have no study.
     */
    private DryRunSummary summary() {
        study(BodyPart.XR_ELBOW, 1, 1, 0.9);
        study(BodyPart.XR_ELBOW, 2, 0, 0.7);
        study(BodyPart.XR_ELBOW, 3, 0, 0.2);
        study(BodyPart.XR_ELBOW, 4, 1, 0.4);
        double[] hand = {0.1, 0.2, 0.3, 0.6, 0.1};
        for (int i = 0; i < hand.length; i++) {
            study(BodyPart.XR_HAND, 10 + i, 0, hand[i]);
        }
        study(BodyPart.XR_HAND, 20, 1, 0.5);
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth, studies);
        return DryRunSummary.of(report, truth, studies);
    }

    @Test
    void theMatrixAndAccuracyAreTheStudyLevelCallsAtTheScoringThreshold() {
        DryRunSummary s = summary();
        // By hand: tp 1 (elbow 1), fn 2 (elbow 4, hand 20 at exactly 0.5), fp 2 (elbow 2, hand 13), tn 5.
        // sklearn's confusion_matrix would print [[5, 2], [2, 1]] and accuracy_score 0.6.
        assertEquals(new ConfusionMatrix(1, 2, 5, 2), s.matrix());
        assertEquals(0.6, s.accuracy());
        assertEquals(6, s.agreed());
        assertEquals(3, s.calledAbnormal());
        assertEquals(7, s.calledNormal());
        // p_o = 0.6, p_e = (3·3 + 7·7) / 100 = 0.58: the report's own kappa, shown beside accuracy.
        assertEquals(0.02 / 0.42, s.kappa(), 1e-12);
        assertEquals("Accuracy counts agreement that chance alone would give: 7 of these 10 studies are normal, so a model"
                + " that calls every study normal would score accuracy 0.700 here, yet kappa 0.", s.caution());
    }

    @Test
    void theChartDrawsAZeroKappaANegativeOneAndNotesTheTypesWithoutStudies() {
        KappaBars chart = summary().chart();
        assertEquals("−0.5", chart.ticks().get(0).label(), "hand's −0.2 extends the axis to −0.5");
        assertEquals("151.3", chart.zero());
        KappaBars.Bar elbow = chart.bars().get(BodyPart.XR_ELBOW.ordinal());
        assertEquals("0.000", elbow.value());
        assertEquals("0.0", elbow.width());
        KappaBars.Bar hand = chart.bars().get(BodyPart.XR_HAND.ordinal());
        assertEquals("negative", hand.kind());
        assertEquals("−0.200", hand.value());
        assertEquals("117.2", hand.x());
        assertEquals("34.1", hand.width());
        assertEquals(5, chart.bars().stream().filter(b -> "no studies".equals(b.note())).count());
        assertEquals("159.5", chart.overall());
    }

    @Test
    void aSampleOfOneClassSaysKappaIsUndefinedAndTheMajorityClassMayBeAbnormal() {
        assertEquals("All 4 of these studies are normal, so a model that calls every study normal would score accuracy"
                + " 1.000 here though it tells nothing apart (its kappa is undefined).",
                DryRunSummary.caution(new ConfusionMatrix(0, 1, 3, 0)));
        assertTrue(DryRunSummary.caution(new ConfusionMatrix(5, 1, 2, 1))
                .contains("6 of these 9 studies are abnormal, so a model that calls every study abnormal would score accuracy 0.667"));
        assertNull(DryRunSummary.of(null, truth, studies), "nothing before the dry run is scored");
    }

    @Test
    void theTagShowsTheMatrixAccuracyCautionAndOneBarPerTypeWithoutInlineStyle() {
        String html = OfflinePages.render("tags/dryrunsummary", Map.of("it", summary()));
        assertTrue(html.contains("title=\"true positives\">1<"), html);
        assertTrue(html.contains("title=\"false negatives\">2<"), html);
        assertTrue(html.contains("title=\"false positives\">2<"), html);
        assertTrue(html.contains("title=\"true negatives\">5<"), html);
        assertTrue(html.contains("<dt>Accuracy</dt><dd>0.600"), html);
        assertTrue(html.contains("<dt>Kappa</dt><dd>0.048"), html);
        assertTrue(html.contains("yet kappa 0."), html);
        assertEquals(7, count(html, "<g class=\"bar "));
        assertEquals(5, count(html, ">no studies</text>"));
        assertTrue(html.contains("<rect x=\"117.2\" y=\"75.0\" width=\"34.1\" height=\"12\"/>"), "hand, the fourth row: " + html);
        assertFalse(html.contains("style="), "the CSP allows no inline style");
        Map<String, Object> none = new HashMap<>();
        none.put("it", null);
        assertEquals("", OfflinePages.render("tags/dryrunsummary", none).strip(), "nothing without a summary");
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

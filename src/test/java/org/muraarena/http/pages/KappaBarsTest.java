package org.muraarena.http.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;

class KappaBarsTest {

    private static Metrics kappa(int n, Double kappa) {
        return new Metrics(n, kappa, null, null, null, null, null, null);
    }

    @Test
    void positiveKappasGrowRightFromZeroOnAnAxisFromZeroToOne() {
        KappaBars chart = KappaBars.of(Map.of(BodyPart.XR_ELBOW, kappa(10, 0.5), BodyPart.XR_FINGER, kappa(8, 1.0),
                BodyPart.XR_HAND, kappa(6, 0.0)), 0.25);
        KappaBars.Bar elbow = chart.bars().get(0);
        assertEquals("Elbow", elbow.label());
        assertEquals("positive", elbow.kind());
        assertEquals("66.0", elbow.x(), "kappa 0 sits at the plot's left edge");
        assertEquals("128.0", elbow.width(), "half of the 256-unit axis");
        assertEquals("9.0", elbow.y());
        assertEquals("19.0", elbow.textY());
        assertEquals("0.500", elbow.value());
        assertEquals("Elbow: kappa 0.500 on 10 studies", elbow.title());
        assertEquals("256.0", chart.bars().get(1).width());
        assertEquals("31.0", chart.bars().get(1).y(), "one 22-unit row further down");
        assertEquals("0.0", chart.bars().get(3).width(), "kappa 0 has no length");
        assertEquals("66.0", chart.zero());
        assertEquals("130.0", chart.overall());
        assertEquals(List.of(new KappaBars.Tick("66.0", "0"), new KappaBars.Tick("194.0", "0.5"), new KappaBars.Tick("322.0", "1")),
                chart.ticks());
        assertEquals(7, chart.bars().size());
        assertEquals(176, chart.height());
    }

    @Test
    void aNegativeKappaGrowsLeftFromZeroAndTheAxisReachesTheNextHalfBelowIt() {
        KappaBars chart = KappaBars.of(Map.of(BodyPart.XR_ELBOW, kappa(10, -0.75), BodyPart.XR_FINGER, kappa(10, 0.5)), 0.1);
        assertEquals(List.of("−1", "−0.5", "0", "0.5", "1"), chart.ticks().stream().map(KappaBars.Tick::label).toList());
        assertEquals("194.0", chart.zero(), "0 halfway along an axis from −1 to 1");
        KappaBars.Bar elbow = chart.bars().get(0);
        assertEquals("negative", elbow.kind());
        assertEquals("98.0", elbow.x(), "the bar starts at −0.75");
        assertEquals("96.0", elbow.width(), "and ends at 0");
        assertEquals("−0.750", elbow.value());
        assertEquals("194.0", chart.bars().get(1).x());
        assertEquals("64.0", chart.bars().get(1).width());

        KappaBars slight = KappaBars.of(Map.of(BodyPart.XR_WRIST, kappa(4, -0.1)), 0.3);
        assertEquals("−0.5", slight.ticks().get(0).label(), "a slightly negative kappa extends the axis to −0.5 only");
        assertEquals("134.3", slight.bars().get(6).x());
        assertEquals("17.1", slight.bars().get(6).width());
    }

    @Test
    void aTypeWithoutStudiesOrWithAnUndefinedKappaHasNoBarButANote() {
        KappaBars chart = KappaBars.of(Map.of(BodyPart.XR_ELBOW, kappa(0, null), BodyPart.XR_FINGER, kappa(3, null)), null);
        KappaBars.Bar none = chart.bars().get(0);
        assertFalse(none.drawn());
        assertEquals("none", none.kind());
        assertEquals("no studies", none.note());
        assertEquals("—", none.value());
        assertEquals("70.0", none.x(), "the note starts just right of kappa 0");
        assertEquals("Elbow: no studies in the sample set", none.title());
        assertEquals("kappa undefined", chart.bars().get(1).note());
        assertEquals("no studies", chart.bars().get(6).note(), "a type missing from the report has no studies either");
        assertNull(chart.overall(), "no all-studies line without an overall kappa");
    }
}

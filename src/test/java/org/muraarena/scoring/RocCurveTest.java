package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.muraarena.scoring.RocCurve.Point;

class RocCurveTest {

    @Test
    void perfectSeparationGoesStraightUpThenAcross() {
        List<Point> curve = RocCurve.points(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9});
        assertEquals(List.of(new Point(0, 0), new Point(0, 0.5), new Point(0, 1), new Point(0.5, 1), new Point(1, 1)), curve);
    }

    @Test
    void tiedScoresMoveTheCurveInOneDiagonalStep() {
        // Two positives and one negative share 0.5: one step from (0, 0) to (1/2, 1), not a staircase.
        List<Point> curve = RocCurve.points(new int[] {1, 1, 0, 0}, new double[] {0.5, 0.5, 0.5, 0.1});
        assertEquals(List.of(new Point(0, 0), new Point(0.5, 1), new Point(1, 1)), curve);
    }

    @Test
    void allScoresEqualIsTheDiagonal() {
        assertEquals(List.of(new Point(0, 0), new Point(1, 1)),
                RocCurve.points(new int[] {0, 1, 0, 1, 1}, new double[] {0.3, 0.3, 0.3, 0.3, 0.3}));
    }

    @Test
    void inputOrderDoesNotMatter() {
        assertEquals(RocCurve.points(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.4, 0.35, 0.1}),
                RocCurve.points(new int[] {0, 1, 0, 1}, new double[] {0.1, 0.35, 0.4, 0.9}));
    }

    @Test
    void oneClassOnlyHasNoCurve() {
        assertTrue(RocCurve.points(new int[] {1, 1}, new double[] {0.2, 0.7}).isEmpty());
        assertTrue(RocCurve.points(new int[] {0}, new double[] {0.2}).isEmpty());
        assertTrue(RocCurve.points(new int[0], new double[0]).isEmpty());
    }

    @Test
    void areaUnderTheCurveEqualsTheAurocWithTies() {
        Random random = new Random(1712);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(60);
            int[] labels = new int[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(2);
                // Few distinct values, so that ties are common.
                scores[i] = random.nextInt(6) / 5.0;
            }
            Double auroc = Auroc.of(labels, scores);
            List<Point> curve = RocCurve.points(labels, scores);
            if (auroc == null) {
                assertTrue(curve.isEmpty());
                continue;
            }
            assertEquals(auroc, trapezoid(curve), 1e-12);
            assertEquals(new Point(1, 1), curve.get(curve.size() - 1));
        }
    }

    @Test
    void mismatchedOrNonBinaryInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.points(new int[] {0, 1}, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.points(new int[] {0, 2}, new double[] {0.5, 0.6}));
    }

    private static double trapezoid(List<Point> curve) {
        double area = 0;
        for (int i = 1; i < curve.size(); i++) {
            Point a = curve.get(i - 1);
            Point b = curve.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }
}

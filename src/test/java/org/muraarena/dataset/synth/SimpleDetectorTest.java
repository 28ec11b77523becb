package org.muraarena.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.muraarena.core.BodyPart;
import org.junit.jupiter.api.Test;

class SimpleDetectorTest {

    @Test
    void findsAbnormalStudiesWithModerateAgreement() {
        List<SyntheticStudies.Study> studies = SyntheticStudies.build(20240601L);
        int n = studies.size();
        int[] truth = new int[n];
        double[] probability = new double[n];
        // Each study depends only on its own seeds, so the order of evaluation does not matter.
        IntStream.range(0, n).parallel().forEach(i -> {
            SyntheticStudies.Study s = studies.get(i);
            double sum = 0;
            for (int v = 0; v < s.views().size(); v++) {
                sum += SimpleDetector.probability(RadiographPainter.paint(s.part(), s.views().get(v), s.seeds()[v]));
            }
            probability[i] = sum / s.views().size();
            truth[i] = s.abnormal() ? 1 : 0;
        });
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = probability[i] > 0.5 ? 1 : 0;
        }
        double kappa = StudyMetrics.kappa(truth, predicted);
        double auroc = StudyMetrics.auroc(truth, probability);
        assertEquals(207, n);
        assertTrue(kappa >= 0.5 && kappa <= 0.85, "kappa " + kappa);
        assertTrue(auroc > 0.75, "auroc " + auroc);
        // Finger, the hardest type in MURA, must be the hardest here too.
        double finger = kappaOf(BodyPart.XR_FINGER, studies, truth, predicted);
        assertTrue(finger < kappa, "finger kappa " + finger + " vs overall " + kappa);
    }

    @Test
    void resizeSamplesAtHalfPixelCentres() {
        // 4 x 1 image 0, 100, 200, 255 stretched to 2 x 2: sx = (x + 0.5) * 2 - 0.5 = 0.5 and 2.5.
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 100, 200, 255};
        for (int x = 0; x < 4; x++) {
            img.getRaster().setSample(x, 0, 0, values[x]);
        }
        float[][] input = SimpleDetector.resizeToInput(img, 2);
        assertEquals(50 / 255f, input[0][0], 1e-6);
        assertEquals(227.5f / 255f, input[0][1], 1e-6);
        assertEquals(input[0][0], input[1][0], 0);
    }

    @Test
    void emptyFilmIsNormal() {
        BufferedImage black = new BufferedImage(300, 400, BufferedImage.TYPE_BYTE_GRAY);
        assertTrue(SimpleDetector.probability(black) < 0.5);
    }

    @Test
    void weightsHaveTheDocumentedShapes() {
        assertEquals(DetectorWeights.REGIONS, DetectorWeights.conv1().length);
        assertEquals(DetectorWeights.KERNEL, DetectorWeights.conv1()[0].length);
        assertEquals(DetectorWeights.HIDDEN, DetectorWeights.conv2().length);
        assertEquals(DetectorWeights.REGIONS, DetectorWeights.conv2()[0].length);
        assertEquals(DetectorWeights.HIDDEN, DetectorWeights.conv2Bias().length);
        assertEquals(DetectorWeights.DETECTORS, DetectorWeights.conv3().length);
        assertEquals(DetectorWeights.HIDDEN, DetectorWeights.conv3()[0].length);
        assertEquals(DetectorWeights.DETECTORS, DetectorWeights.conv3Bias().length);
        assertEquals(DetectorWeights.DETECTORS, DetectorWeights.gemm().length);
        for (float[][] kernel : DetectorWeights.conv1()) {
            double sum = 0;
            for (float[] row : kernel) {
                for (float v : row) {
                    sum += v;
                }
            }
            assertEquals(1, sum, 1e-5, "every region kernel is an average");
        }
    }

    private static double kappaOf(BodyPart part, List<SyntheticStudies.Study> studies, int[] truth, int[] predicted) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            if (studies.get(i).part() == part) {
                idx.add(i);
            }
        }
        int[] t = idx.stream().mapToInt(i -> truth[i]).toArray();
        int[] p = idx.stream().mapToInt(i -> predicted[i]).toArray();
        return StudyMetrics.kappa(t, p);
    }
}

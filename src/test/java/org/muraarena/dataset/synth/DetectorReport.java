package org.muraarena.dataset.synth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.muraarena.core.BodyPart;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.scoring.TruthFile;

/**
 * Measurement, not a test: on a generated dataset, the simple detector's kappa against the gold
 * standard (overall and per type) next to each simulated radiologist's. Run after test-compile:
 * {@code java -cp target/classes:target/test-classes org.muraarena.dataset.synth.DetectorReport DATASET_DIR}
 */
public final class DetectorReport {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Map<String, Double> images = new HashMap<>();
        for (MuraStudy study : new MuraTree(root).studies("test")) {
            for (String image : study.images()) {
                images.put(image, SimpleDetector.probability(ImageIO.read(root.resolve(image).toFile())));
            }
        }
        TruthFile.Contents truth = TruthFile.read(root.resolve("labels/test_readers.csv"));
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.truth(),
                StudyProbabilities.fromImages(images, Aggregation.MEAN));
        System.out.printf("%-12s %8s %8s %8s %8s%n", "type", "detector", "reader1", "reader2", "reader3");
        System.out.printf("%-12s %8.3f %8.3f %8.3f %8.3f   (detector AUROC %.3f)%n", "overall", report.overall().kappa(),
                report.references().get(0).overall().kappa(), report.references().get(1).overall().kappa(),
                report.references().get(2).overall().kappa(), report.overall().auroc());
        for (BodyPart part : BodyPart.values()) {
            System.out.printf("%-12s %8.3f %8.3f %8.3f %8.3f%n", part, report.byType().get(part).kappa(),
                    report.references().get(0).byType().get(part).kappa(), report.references().get(1).byType().get(part).kappa(),
                    report.references().get(2).byType().get(part).kappa());
        }
    }
}

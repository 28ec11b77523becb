package org.muraarena.http.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.sandbox.onnx.ImagePreprocessor;
import org.muraarena.scoring.Scorer;

/**
 * Every image of the sample and hidden sets with its brightness as a tiny-contract model sees it: the
 * mean of the tensor the product's own {@link ImagePreprocessor} feeds for the manifest. From it the
 * probes' thresholds, each in a gap between images wide enough that float32 arithmetic in ONNX
 * Runtime cannot put an image on the other side; the preconditions fail loudly if the data changes.
 */
record ImageBrightness(List<Image> images, Map<String, Scorer.Truth> hiddenTruth) {
    /** Far wider than the float32 rounding of a mean of 192 values near 1 (about 1e-7). */
    static final double MARGIN = 1e-4;

    record Image(String path, String study, boolean hidden, double brightness) {
    }

    /** A range of brightness that holds exactly the images of one hidden study. */
    record Band(String study, int gold, double low, double high, int images) {
    }

    static ImageBrightness of(DatasetService dataset, Manifest.Input input) throws IOException {
        MuraTree tree = new MuraTree(dataset.root());
        ImagePreprocessor pre = new ImagePreprocessor(input);
        float[] tensor = new float[pre.floatsPerImage()];
        List<Image> images = new ArrayList<>();
        for (Phase phase : List.of(Phase.DRY_RUN, Phase.HIDDEN)) {
            for (MuraStudy study : tree.studies(dataset.set(phase))) {
                for (String path : study.images()) {
                    pre.load(tree.file(path), tensor, 0);
                    double sum = 0;
                    for (float v : tensor) {
                        sum += v;
                    }
                    images.add(new Image(path, study.path(), phase == Phase.HIDDEN, sum / tensor.length));
                }
            }
        }
        images.sort(Comparator.comparingDouble(Image::brightness));
        return new ImageBrightness(List.copyOf(images), new TreeMap<>(dataset.truth(Phase.HIDDEN).contents().truth()));
    }

    /**
     * The threshold T of "bright": in the gap above the brightest sample image, so that no sample
     * image is bright and the dry runs of a pair agree, with at least {@code atLeast} hidden images above.
     */
    double brightThreshold(int atLeast) {
        double brightestSample = images.stream().filter(i -> !i.hidden()).mapToDouble(Image::brightness).max().orElseThrow();
        double next = images.stream().mapToDouble(Image::brightness).filter(b -> b > brightestSample).min().orElseThrow();
        assertTrue(next - brightestSample > 2 * MARGIN, "a gap above the brightest sample image: " + brightestSample + " .. " + next);
        double t = (brightestSample + next) / 2;
        assertTrue(bright(t).size() >= atLeast, "at least " + atLeast + " hidden images above " + t + ": " + bright(t).size());
        assertTrue(bright(t).stream().allMatch(Image::hidden));
        return t;
    }

    /** The images above {@code threshold}. */
    List<Image> bright(double threshold) {
        return images.stream().filter(i -> i.brightness() > threshold).toList();
    }

    /**
     * Hidden studies whose images fill a brightness range holding no other image of either set, with a
     * margin on both sides; such a study can be called abnormal alone by a model that sees only brightness.
     */
    List<Band> isolatedStudies() {
        List<Band> bands = new ArrayList<>();
        Map<String, List<Integer>> byStudy = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).hidden()) {
                byStudy.computeIfAbsent(images.get(i).study(), s -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> e : byStudy.entrySet()) {
            List<Integer> at = e.getValue();
            int first = at.get(0);
            int last = at.get(at.size() - 1);
            if (last - first + 1 != at.size()) {
                continue; // another image lies between this study's own
            }
            double lo = images.get(first).brightness();
            double hi = images.get(last).brightness();
            double below = first == 0 ? lo - 1 : images.get(first - 1).brightness();
            double above = last == images.size() - 1 ? hi + 1 : images.get(last + 1).brightness();
            if (lo - below > 2 * MARGIN && above - hi > 2 * MARGIN) {
                bands.add(new Band(e.getKey(), gold(e.getKey()), (below + lo) / 2, (hi + above) / 2, at.size()));
            }
        }
        return bands;
    }

    /** Two isolated hidden studies whose labels differ, the abnormal one first. */
    List<Band> twoStudiesWithDifferentLabels() {
        List<Band> isolated = isolatedStudies();
        Optional<Band> abnormal = isolated.stream().filter(b -> b.gold() == 1).findFirst();
        Optional<Band> normal = isolated.stream().filter(b -> b.gold() == 0).findFirst();
        assertTrue(abnormal.isPresent() && normal.isPresent(),
                "an isolated abnormal and an isolated normal hidden study: " + isolated);
        for (Band b : List.of(abnormal.get(), normal.get())) {
            List<Image> inBand = images.stream().filter(i -> i.brightness() > b.low() && i.brightness() < b.high()).toList();
            assertTrue(inBand.size() == b.images() && inBand.stream().allMatch(i -> i.hidden() && i.study().equals(b.study())),
                    "the band holds exactly study " + b.study() + "'s images: " + inBand);
        }
        return List.of(abnormal.get(), normal.get());
    }

    private int gold(String study) {
        Scorer.Truth truth = hiddenTruth.get(study);
        assertTrue(truth != null, "a label for hidden study " + study);
        return truth.gold();
    }
}

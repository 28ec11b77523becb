package org.muraarena.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;

/**
 * Which studies a run's explanation maps show: the {@code perSide} most confidently right and the
 * {@code perSide} most confidently wrong, confidence being |p − {@link Scorer#THRESHOLD}| of the
 * study's probability. Each side is balanced between the labels: half of it (rounded down) is
 * reserved for each label, and the slots left (an odd one, or a label that is short) go to the most
 * confident of the rest, so a side of two or more holds both labels when both exist. Ties fall to
 * the study path. Result: the right ones first, most confident first, then the wrong ones.
 * Studies without a label or without a probability are not candidates.
 */
public final class ExplanationPicks {
    private ExplanationPicks() {
    }

    /** A study and its call, before the side and the balance are chosen. */
    private record Candidate(String study, String image, int label, double probability) {
        double confidence() {
            return Math.abs(probability - Scorer.THRESHOLD);
        }

        boolean correct() {
            return (probability > Scorer.THRESHOLD) == (label == 1);
        }
    }

    private static final Comparator<Candidate> MOST_CONFIDENT = Comparator
            .comparingDouble(Candidate::confidence).reversed().thenComparing(Candidate::study);

    /**
     * Image-level output (ONNX): aggregates per study as scoring does, and explains the image that
     * drove the call: the most abnormal image of a study called abnormal, the least abnormal one of
     * a study called normal (ties: the first by path).
     */
    public static List<ExplanationPick> pick(Map<String, Double> imageProbabilities, Map<String, Integer> studyLabels,
            Aggregation aggregation, int perSide) {
        Map<String, Double> studies = StudyProbabilities.fromImages(imageProbabilities, aggregation);
        Map<String, String> driver = new TreeMap<>();
        new TreeMap<>(imageProbabilities).forEach((image, p) -> {
            String study = StudyProbabilities.studyOf(image);
            Double studyP = studies.get(study);
            String best = driver.get(study);
            boolean abnormal = studyP > Scorer.THRESHOLD;
            if (best == null || (abnormal ? p > imageProbabilities.get(best) : p < imageProbabilities.get(best))) {
                driver.put(study, image);
            }
        });
        List<Candidate> candidates = new ArrayList<>();
        studies.forEach((study, p) -> {
            Integer label = studyLabels.get(study);
            if (label != null) {
                candidates.add(new Candidate(study, driver.get(study), label, p));
            }
        });
        return choose(candidates, perSide);
    }

    /** Study-level output (containers): the explained image is the study's first one; studies without images are skipped. */
    public static List<ExplanationPick> pickStudies(Map<String, Double> studyProbabilities,
            Map<String, Integer> studyLabels, Map<String, List<String>> imagesByStudy, int perSide) {
        List<Candidate> candidates = new ArrayList<>();
        studyProbabilities.forEach((study, p) -> {
            Integer label = studyLabels.get(study);
            List<String> images = imagesByStudy.get(study);
            if (label != null && images != null && !images.isEmpty()) {
                candidates.add(new Candidate(study, images.get(0), label, p));
            }
        });
        return choose(candidates, perSide);
    }

    private static List<ExplanationPick> choose(List<Candidate> candidates, int perSide) {
        if (perSide < 0) {
            throw new IllegalArgumentException("perSide must be 0 or more, got " + perSide);
        }
        List<ExplanationPick> picks = new ArrayList<>();
        for (boolean correct : new boolean[] {true, false}) {
            List<Candidate> side = candidates.stream().filter(c -> c.correct() == correct).toList();
            for (Candidate c : balanced(side, perSide)) {
                picks.add(new ExplanationPick(c.study(), c.image(), c.label(), c.probability(), correct));
            }
        }
        return List.copyOf(picks);
    }

    /** Up to {@code n} of {@code side}: n/2 reserved per label, the rest by confidence; most confident first. */
    private static List<Candidate> balanced(List<Candidate> side, int n) {
        List<Candidate> chosen = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>();
        for (int label = 0; label <= 1; label++) {
            int l = label;
            List<Candidate> ofLabel = side.stream().filter(c -> c.label() == l).sorted(MOST_CONFIDENT).toList();
            int reserved = Math.min(n / 2, ofLabel.size());
            chosen.addAll(ofLabel.subList(0, reserved));
            rest.addAll(ofLabel.subList(reserved, ofLabel.size()));
        }
        rest.sort(MOST_CONFIDENT);
        chosen.addAll(rest.subList(0, Math.min(n - chosen.size(), rest.size())));
        chosen.sort(MOST_CONFIDENT);
        return chosen;
    }
}

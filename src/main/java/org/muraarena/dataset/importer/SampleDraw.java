package org.muraarena.dataset.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Refusal;

/**
 * The public sample: {@code perType} studies of each body part, abnormal and normal in turn (so a dry
 * run's kappa is defined), each drawn from the studies sorted by path with one seeded generator:
 * the same download and seed always give the same studies.
 */
final class SampleDraw {
    private SampleDraw() {
    }

    static List<MuraDownload.Study> draw(List<MuraDownload.Study> source, String phase, int perType, long seed) {
        Random random = new Random(seed);
        List<MuraDownload.Study> chosen = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            List<List<MuraDownload.Study>> byLabel = new ArrayList<>();
            for (int label : new int[] {1, 0}) {
                List<MuraDownload.Study> studies = new ArrayList<>(source.stream()
                        .filter(s -> s.part() == part && s.label() == label)
                        .sorted(Comparator.comparing(MuraDownload.Study::path)).toList());
                Collections.shuffle(studies, random);
                byLabel.add(studies);
            }
            int available = byLabel.get(0).size() + byLabel.get(1).size();
            if (available < perType) {
                throw new Refusal.InvalidInput("--sample-per-type " + perType + ": " + phase + " has only " + available
                        + " " + part + " studies");
            }
            int[] next = new int[2];
            for (int i = 0; i < perType; i++) {
                int label = next[i % 2] < byLabel.get(i % 2).size() ? i % 2 : 1 - i % 2;
                chosen.add(byLabel.get(label).get(next[label]++));
            }
        }
        return chosen;
    }
}

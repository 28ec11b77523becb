package org.muraarena.dataset.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.muraarena.core.BodyPart;

/**
 * Plans one synthetic set — which studies, how many views, which findings, what readers say —
 * from a seed, before anything is drawn. Study order, patient numbers and folder names are
 * shuffled independently of the labels, so that nothing in a hidden path hints at one.
 */
final class SetPlanner {
    /** How an abnormal study's finding is chosen: fractures most, hardware (too easy) least. */
    private static final double FRACTURE_SHARE = 0.5;
    private static final double LESION_SHARE = 0.3;
    /** The chance that a view of an abnormal study shows its finding (at least one always does). */
    private static final double VIEW_SHOWS_FINDING = 0.75;
    private static final int MAX_VIEWS = 5;

    /** How many normal and abnormal studies of one type, and how many images in all. */
    record TypeCounts(BodyPart part, int normal, int abnormal, int images) {
    }

    private final Random random;

    SetPlanner(long seed) {
        // java.util.Random is specified bit for bit, so every JVM plans the same set.
        this.random = new Random(seed);
    }

    /**
     * @param set folder name under MURA-v1.1 ({@code test}, {@code sample}, {@code valid})
     * @param hidden hidden folders are {@code studyN}; public ones carry {@code _positive}/{@code _negative}
     * @param firstPatient the lowest patient number of the set
     */
    List<StudyPlan> plan(String set, boolean hidden, int firstPatient, List<TypeCounts> counts) {
        int totalStudies = counts.stream().mapToInt(c -> c.normal() + c.abnormal()).sum();
        List<Integer> patientNumbers = new ArrayList<>();
        for (int i = 0; i < totalStudies; i++) {
            patientNumbers.add(firstPatient + i);
        }
        Collections.shuffle(patientNumbers, random);
        List<StudyPlan> studies = new ArrayList<>();
        int nextPatient = 0;
        for (TypeCounts c : counts) {
            List<Boolean> abnormal = new ArrayList<>();
            for (int i = 0; i < c.normal() + c.abnormal(); i++) {
                abnormal.add(i < c.abnormal());
            }
            Collections.shuffle(abnormal, random);
            int[] views = spreadViews(abnormal.size(), c.images());
            double error = MuraTables.ROWS.get(c.part()).readerError();
            int patient = -1;
            int studyOfPatient = 0;
            for (int i = 0; i < abnormal.size(); i++) {
                // About one patient in ten comes back for a second study of the same part.
                if (patient < 0 || random.nextDouble() >= 0.1) {
                    patient = patientNumbers.get(nextPatient++);
                    studyOfPatient = 0;
                }
                studyOfPatient++;
                boolean isAbnormal = abnormal.get(i);
                String folder = "study" + studyOfPatient + (hidden ? "" : isAbnormal ? "_positive" : "_negative");
                String path = String.format("MURA-v1.1/%s/%s/patient%05d/%s/", set, c.part().name(), patient, folder);
                studies.add(new StudyPlan(path, c.part(), isAbnormal, findings(isAbnormal, views[i]),
                        seeds(views[i]), readers(isAbnormal, error)));
            }
        }
        return studies;
    }

    /** Views per study: one each, then the rest spread at random, at most {@link #MAX_VIEWS} each. */
    private int[] spreadViews(int studies, int images) {
        int[] views = new int[studies];
        java.util.Arrays.fill(views, 1);
        int left = Math.min(images, studies * MAX_VIEWS) - studies;
        while (left > 0) {
            int i = random.nextInt(studies);
            if (views[i] < MAX_VIEWS) {
                views[i]++;
                left--;
            }
        }
        return views;
    }

    private List<Finding> findings(boolean abnormal, int views) {
        List<Finding> findings = new ArrayList<>();
        if (!abnormal) {
            for (int v = 0; v < views; v++) {
                findings.add(Finding.NONE);
            }
            return findings;
        }
        double pick = random.nextDouble();
        Finding finding = pick < FRACTURE_SHARE ? Finding.FRACTURE
                : pick < FRACTURE_SHARE + LESION_SHARE ? Finding.LESION : Finding.HARDWARE;
        int shown = random.nextInt(views);
        for (int v = 0; v < views; v++) {
            findings.add(v == shown || random.nextDouble() < VIEW_SHOWS_FINDING ? finding : Finding.NONE);
        }
        return findings;
    }

    private long[] seeds(int views) {
        long[] seeds = new long[views];
        for (int v = 0; v < views; v++) {
            seeds[v] = random.nextLong();
        }
        return seeds;
    }

    /** Six readers, each wrong with the type's error rate times its own factor. */
    private int[] readers(boolean abnormal, double error) {
        int[] labels = new int[MuraTables.READER_FACTORS.length];
        for (int r = 0; r < labels.length; r++) {
            boolean wrong = random.nextDouble() < error * MuraTables.READER_FACTORS[r];
            labels[r] = (abnormal ^ wrong) ? 1 : 0;
        }
        return labels;
    }

    /** Splits {@code total} over weights by largest remainder, so that the parts add up exactly. */
    static int[] apportion(int total, double[] weights) {
        double sum = java.util.Arrays.stream(weights).sum();
        int[] parts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }
}

package org.muraarena.dataset.synth;

/** Cohen's kappa and AUROC over study labels (0/1), computed plainly for the tests. */
final class StudyMetrics {
    private StudyMetrics() {
    }

    static double kappa(int[] truth, int[] predicted) {
        int n = truth.length;
        double agree = 0;
        double truthPositive = 0;
        double predictedPositive = 0;
        for (int i = 0; i < n; i++) {
            agree += truth[i] == predicted[i] ? 1 : 0;
            truthPositive += truth[i];
            predictedPositive += predicted[i];
        }
        double po = agree / n;
        double pt = truthPositive / n;
        double pp = predictedPositive / n;
        double pe = pt * pp + (1 - pt) * (1 - pp);
        return pe == 1 ? 0 : (po - pe) / (1 - pe);
    }

    /** The chance that a random abnormal study scores above a random normal one (ties count half). */
    static double auroc(int[] truth, double[] score) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth.length; j++) {
                if (truth[i] == 1 && truth[j] == 0) {
                    pairs++;
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}

package org.muraarena.http.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.ScoreReport;

/**
 * One row of a metrics table, from a stored score report, with intervals as lists so that
 * templates and their extensions format them alike. Undefined values stay null.
 */
public record Scores(String label, Integer n, Double kappa, List<Double> kappaCi, Double auroc, List<Double> aurocCi,
                     Double sensitivity, Double specificity) {

    /** Overall, then the seven types in their fixed order; empty when there are no metrics yet. */
    public static List<Scores> table(ScoreReport metrics) {
        if (metrics == null) {
            return List.of();
        }
        List<Scores> rows = new ArrayList<>();
        rows.add(of("All studies", metrics.overall()));
        rows.addAll(byType(metrics.byType()));
        return rows;
    }

    /** The seven types in enum order, each labelled with its short name. */
    public static List<Scores> byType(Map<BodyPart, Metrics> byType) {
        List<Scores> rows = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            rows.add(of(Formats.part(part), byType == null ? null : byType.get(part)));
        }
        return rows;
    }

    /** The overall row alone, or null when there are no metrics. */
    public static Scores overall(ScoreReport metrics) {
        return metrics == null ? null : of("All studies", metrics.overall());
    }

    /**
     * A team's released best as rows: overall kappa and AUROC with intervals, then each type's kappa
     * alone (no counts, sensitivity or specificity: docs/DESIGN.md); empty before a release.
     */
    public static List<Scores> released(HiddenView.Released released) {
        if (released == null) {
            return List.of();
        }
        HiddenView.Overall o = released.overall();
        List<Scores> rows = new ArrayList<>();
        rows.add(new Scores("All studies", null, o.kappa(), o.kappaCi(), o.auroc(), o.aurocCi(), null, null));
        rows.addAll(kappas(released.byType()));
        return rows;
    }

    /** The seven types' released kappas (keyed by type name), in type order. */
    public static List<Scores> kappas(Map<String, HiddenView.Kappa> byType) {
        List<Scores> rows = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            HiddenView.Kappa k = byType == null ? null : byType.get(part.name());
            rows.add(new Scores(Formats.part(part), null, k == null ? null : k.kappa(), null, null, null, null, null));
        }
        return rows;
    }

    static Scores of(String label, Metrics m) {
        if (m == null) {
            return new Scores(label, null, null, null, null, null, null, null);
        }
        return new Scores(label, m.n(), m.kappa(), pair(m.kappaCi()), m.auroc(), pair(m.aurocCi()),
                m.sensitivity(), m.specificity());
    }

    private static List<Double> pair(double[] interval) {
        return interval == null ? null : List.of(interval[0], interval[1]);
    }
}

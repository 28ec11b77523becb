package org.muraarena.http.pages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.muraarena.scoring.RocCurve;
import org.muraarena.scoring.Scorer;

/**
 * A ROC curve laid out as an inline SVG, the same on the dry-run page and in the offline
 * {@code dry-run --report}: the plot square spans {@link #LEFT}..{@link #RIGHT} horizontally and
 * {@link #TOP}..{@link #BOTTOM} vertically in a 260×252 viewBox, leaving room for the axis labels.
 * Styled by the {@code .roc} rules of {@code arena.css}.
 *
 * @param polyline the curve as SVG {@code points}
 * @param studies how many studies the curve is drawn from
 */
public record RocPlot(String polyline, int studies, int abnormal) {
    static final double LEFT = 44;
    static final double RIGHT = 250;
    static final double TOP = 10;
    static final double BOTTOM = 216;

    /**
     * The curve of a dry run: its study probabilities against the public sample labels (the dry run's
     * truth); studies without a probability are left out. Null when there is no curve.
     */
    public static RocPlot of(SortedMap<String, Scorer.Truth> truth, Map<String, Double> studies) {
        SampleStudies sample = SampleStudies.of(truth, studies);
        return of(RocCurve.points(sample.gold(), sample.probabilities()), sample.gold().length, sample.abnormal());
    }

    /** The plot of a curve, or null when there is none (one class only, or no predictions). */
    static RocPlot of(List<RocCurve.Point> curve, int studies, int abnormal) {
        if (curve.isEmpty()) {
            return null;
        }
        String points = curve.stream()
                .map(p -> String.format(Locale.ROOT, "%.1f,%.1f", LEFT + p.fpr() * (RIGHT - LEFT), BOTTOM - p.tpr() * (BOTTOM - TOP)))
                .collect(Collectors.joining(" "));
        return new RocPlot(points, studies, abnormal);
    }

    /** The whole {@code <svg>} element: grid, frame, chance line, the curve, ticks and axis labels. */
    public String svg() {
        return """
                <svg viewBox="0 0 260 252" role="img" aria-label="ROC curve of the dry run">
                  <g class="grid">
                    <line x1="95.5" y1="10" x2="95.5" y2="216"/><line x1="147" y1="10" x2="147" y2="216"/><line x1="198.5" y1="10" x2="198.5" y2="216"/>
                    <line x1="44" y1="164.5" x2="250" y2="164.5"/><line x1="44" y1="113" x2="250" y2="113"/><line x1="44" y1="61.5" x2="250" y2="61.5"/>
                  </g>
                  <rect class="frame" x="44" y="10" width="206" height="206"/>
                  <line class="chance" x1="44" y1="216" x2="250" y2="10"/>
                  <polyline class="curve" points="%s"/>
                  <g class="ticks">
                    <text x="44" y="230" text-anchor="middle">0</text><text x="147" y="230" text-anchor="middle">0.5</text><text x="250" y="230" text-anchor="end">1</text>
                    <text x="38" y="219" text-anchor="end">0</text><text x="38" y="116" text-anchor="end">0.5</text><text x="38" y="17" text-anchor="end">1</text>
                  </g>
                  <text class="axis" x="147" y="248" text-anchor="middle">False positive rate</text>
                  <text class="axis" x="14" y="113" text-anchor="middle" transform="rotate(-90 14 113)">True positive rate</text>
                </svg>""".formatted(polyline);
    }
}

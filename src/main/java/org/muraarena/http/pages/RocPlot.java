package org.muraarena.http.pages;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.muraarena.scoring.RocCurve;

/**
 * A ROC curve laid out for the page's inline SVG: the plot square spans {@link #LEFT}..{@link #RIGHT}
 * horizontally and {@link #TOP}..{@link #BOTTOM} vertically in the template's 260×250 viewBox,
 * leaving room for the axis labels.
 *
 * @param polyline the curve as SVG {@code points}
 * @param studies how many studies the curve is drawn from
 */
public record RocPlot(String polyline, int studies, int abnormal) {
    static final double LEFT = 44;
    static final double RIGHT = 250;
    static final double TOP = 10;
    static final double BOTTOM = 216;

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
}

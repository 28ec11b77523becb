package org.muraarena.http.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;

/**
 * The seven body parts' kappas as horizontal bars in an inline SVG of {@link #WIDTH} × {@link #height}
 * (viewBox units), drawn by {@code templates/tags/dryrunsummary.html} and styled by the
 * {@code .kappabars} rules of {@code arena.css} (the CSP allows no inline style). Each bar starts at
 * kappa 0, so a negative kappa points left; the axis runs from 0 (or the next half below the lowest
 * kappa, down to −1) to 1, with a grid line every 0.5 and the kappa of all studies as a dashed line.
 * A part without a kappa has no bar, only a note saying why. Coordinates are ready for the
 * template's attributes.
 *
 * @param overall the x of the all-studies line, or null when that kappa is undefined
 */
public record KappaBars(List<Bar> bars, List<Tick> ticks, String zero, String overall, String overallLabel) {
    public static final int WIDTH = 380;
    static final double LABEL_END = 60;
    static final double LEFT = 66;
    static final double RIGHT = 322;
    static final double VALUE_END = 376;
    static final double TOP = 4;
    static final double ROW = 22;
    static final double BAR = 12;

    /**
     * One part's row. {@code kind}: {@code positive}, {@code negative} or {@code none} (no rectangle;
     * {@code note} says why). {@code value} is the kappa as the tables write it.
     */
    public record Bar(String label, String kind, String x, String y, String width, String textY, String value,
                      String note, String title) {
        public boolean drawn() {
            return !"none".equals(kind);
        }
    }

    /** A grid line and its label under the axis. */
    public record Tick(String x, String label) {
    }

    /** The chart of a score report's parts, in enum order; {@code overall} is the kappa of all studies. */
    static KappaBars of(Map<BodyPart, Metrics> byType, Double overall) {
        double lowest = overall == null ? 0 : overall;
        for (Metrics m : byType.values()) {
            if (m != null && m.kappa() != null) {
                lowest = Math.min(lowest, m.kappa());
            }
        }
        double low = Math.max(-1, Math.min(0, Math.floor(lowest * 2) / 2));
        List<Bar> bars = new ArrayList<>();
        BodyPart[] parts = BodyPart.values();
        for (int i = 0; i < parts.length; i++) {
            bars.add(bar(Formats.part(parts[i]), byType.get(parts[i]), TOP + i * ROW, low));
        }
        List<Tick> ticks = new ArrayList<>();
        for (double k = low; k <= 1 + 1e-9; k += 0.5) {
            ticks.add(new Tick(coordinate(x(k, low)), tick(k)));
        }
        return new KappaBars(List.copyOf(bars), List.copyOf(ticks), coordinate(x(0, low)),
                overall == null ? null : coordinate(x(overall, low)), "all studies: kappa " + Formats.num(overall));
    }

    private static Bar bar(String label, Metrics m, double top, double low) {
        String y = coordinate(top + (ROW - BAR) / 2);
        String textY = coordinate(top + ROW / 2 + 4);
        if (m == null || m.n() == 0) {
            return new Bar(label, "none", coordinate(x(0, low) + 4), y, "0", textY, Formats.MISSING, "no studies",
                    label + ": no studies in the sample set");
        }
        if (m.kappa() == null) {
            return new Bar(label, "none", coordinate(x(0, low) + 4), y, "0", textY, Formats.MISSING, "kappa undefined",
                    label + ": kappa undefined on " + studies(m.n()) + " (all of one class, all called that class)");
        }
        double k = Math.max(-1, Math.min(1, m.kappa()));
        double from = Math.min(x(0, low), x(k, low));
        double to = Math.max(x(0, low), x(k, low));
        return new Bar(label, k < 0 ? "negative" : "positive", coordinate(from), y, coordinate(to - from), textY,
                Formats.num(m.kappa()), null, label + ": kappa " + Formats.num(m.kappa()) + " on " + studies(m.n()));
    }

    private static double x(double kappa, double low) {
        return LEFT + (kappa - low) / (1 - low) * (RIGHT - LEFT);
    }

    private static String studies(int n) {
        return n == 1 ? "1 study" : n + " studies";
    }

    private static String tick(double k) {
        String text = k == Math.rint(k) ? Long.toString((long) k) : String.format(Locale.ROOT, "%.1f", k);
        return text.startsWith("-") ? "\u2212" + text.substring(1) : text;
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The viewBox's height: the seven rows and the tick labels under them. */
    public int height() {
        return (int) (TOP + BodyPart.values().length * ROW + 18);
    }

    /** Where the rows end and the tick labels begin. */
    public String axisY() {
        return coordinate(TOP + BodyPart.values().length * ROW);
    }

    /** The baseline of the tick labels. */
    public String tickY() {
        return coordinate(TOP + BodyPart.values().length * ROW + 13);
    }

    public String top() {
        return coordinate(TOP);
    }

    public String labelEnd() {
        return coordinate(LABEL_END);
    }

    public String valueEnd() {
        return coordinate(VALUE_END);
    }
}

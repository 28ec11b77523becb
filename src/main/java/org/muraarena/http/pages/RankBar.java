package org.muraarena.http.pages;

import java.util.List;
import java.util.Locale;

/**
 * One entry's rank interval drawn as in challengeR's blob plot, in a small inline SVG of
 * {@link #WIDTH} × {@link #HEIGHT} px: an axis from rank 1 (left) to rank {@code entries}, a bar
 * from the interval's low to its high end, a dot at the entry's rank on all studies. Coordinates
 * are ready for the template's attributes; {@code label} says the same in words.
 *
 * @param group the entry's group, or null; {@code shade} alternates with it ("even"/"odd", "" without)
 */
public record RankBar(String lo, String hi, String at, String end, String label, Integer group, String shade) {
    public static final int WIDTH = 84;
    public static final int HEIGHT = 12;
    private static final double MARGIN = 4;

    /** The bar of an entry with statistics, or null (the template then writes a dash). */
    static RankBar of(List<Double> rankCi, Integer place, Integer group, int entries) {
        if (rankCi == null || rankCi.size() != 2 || place == null || entries < 1) {
            return null;
        }
        String label = "rank " + place + " of " + entries + " on all studies; 95% interval " + rank(rankCi.get(0))
                + (rankCi.get(0).equals(rankCi.get(1)) ? "" : "–" + rank(rankCi.get(1)))
                + (group == null ? "" : "; group " + group);
        return new RankBar(x(rankCi.get(0), entries), x(rankCi.get(1), entries), x(place, entries), x(entries, entries),
                label, group, shade(group));
    }

    /** The row class of an entry's group: neighbouring groups alternate, so a tie reads as one band. */
    static String shade(Integer group) {
        return group == null ? "" : group % 2 == 0 ? "group-even" : "group-odd";
    }

    private static String x(double rank, int entries) {
        double span = WIDTH - 2 * MARGIN;
        double x = entries == 1 ? WIDTH / 2.0 : MARGIN + (rank - 1) / (entries - 1) * span;
        return String.format(Locale.ROOT, "%.1f", Math.max(MARGIN, Math.min(WIDTH - MARGIN, x)));
    }

    /** A rank as people read it: whole ranks without decimals, interpolated ones with one. */
    private static String rank(double rank) {
        return rank == Math.rint(rank) ? Long.toString((long) rank) : String.format(Locale.ROOT, "%.1f", rank);
    }

    /** The axis's left end, where rank 1 sits. */
    public String start() {
        return String.format(Locale.ROOT, "%.1f", MARGIN);
    }
}

package org.muraarena.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Leaderboard order: overall kappa, descending, compared at three decimals as the board shows
 * it; entries equal at three decimals share a rank (1, 1, 3 …) and the earlier submission is
 * listed first. Entries without a kappa come last, unranked.
 */
public final class Ranking {
    private Ranking() {
    }

    /** One scored entry: anything with an id, its overall kappa (or null) and when it was submitted. */
    public record Entry<T>(T item, Double kappa, Instant submittedAt) {
    }

    /** An entry in board order with its rank, or a null rank when it has no kappa. */
    public record Ranked<T>(Integer rank, T item) {
    }

    public static <T> List<Ranked<T>> rank(List<Entry<T>> entries) {
        List<Entry<T>> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator
                .comparing((Entry<T> e) -> e.kappa() == null)
                .thenComparing(e -> shown(e.kappa()), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Entry::submittedAt));
        List<Ranked<T>> ranked = new ArrayList<>();
        Integer rank = null;
        for (int i = 0; i < ordered.size(); i++) {
            Entry<T> entry = ordered.get(i);
            if (entry.kappa() == null) {
                rank = null;
            } else if (i == 0 || !shown(entry.kappa()).equals(shown(ordered.get(i - 1).kappa()))) {
                rank = i + 1;
            }
            ranked.add(new Ranked<>(rank, entry.item()));
        }
        return ranked;
    }

    /** Kappa as the board shows it: three decimals, half up, from its shortest decimal form. */
    static BigDecimal shown(Double kappa) {
        return kappa == null ? null : BigDecimal.valueOf(kappa).setScale(3, RoundingMode.HALF_UP);
    }
}

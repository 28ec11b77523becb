package org.muraarena.competition.leaderboard;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.IntStream;
import org.muraarena.scoring.RankStatistics;
import org.muraarena.scoring.Scorer;

/**
 * Feeds the board to {@link RankStatistics}: team rows and reference readers together, best
 * full-data kappa first, and maps its answer back onto both lists. The order merges the team rows
 * as the board lists them with the readers by kappa (a team first on equal kappa), so a row's
 * interval is its rank among all entries, readers included, and says whether it can be told apart
 * from a radiologist. An entry whose calls are unknown (stored predictions that no longer fit the
 * hidden labels) sits out and gets no statistics.
 */
final class BoardStatistics {
    private BoardStatistics() {
    }

    /** A team row in board order: its stored kappa and its calls per study (1 abnormal), or null calls. */
    record Entrant(Double kappa, int[] calls) {
    }

    /** The statistics of each team row (board order) and each reference (reader order), and the board's stability. */
    record Spreads(List<Leaderboard.Spread> teams, List<Leaderboard.Spread> references, Leaderboard.Stability stability) {
        static Spreads none(int teams, int references) {
            return new Spreads(Collections.nCopies(teams, Leaderboard.Spread.NONE),
                    Collections.nCopies(references, Leaderboard.Spread.NONE), null);
        }
    }

    /** One entry of the joint ranking: a team row ({@code team} true) or a reader, by index. */
    private record Joint(boolean team, int index, Double kappa, int[] calls) {
    }

    /**
     * @param truth the hidden labels, studies in path order (the order of every {@code calls})
     * @param teams the team rows in board order
     * @param readerKappas each non-gold reader's kappa, in reader order
     */
    static Spreads compute(SortedMap<String, Scorer.Truth> truth, List<Entrant> teams, List<Double> readerKappas) {
        int[] gold = truth.values().stream().mapToInt(Scorer.Truth::gold).toArray();
        List<Joint> readers = IntStream.range(0, readerKappas.size())
                .mapToObj(r -> new Joint(false, r, readerKappas.get(r),
                        truth.values().stream().mapToInt(t -> t.references()[r]).toArray()))
                .sorted(Comparator.comparing(Joint::kappa, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        List<Joint> order = new ArrayList<>();
        int t = 0;
        int r = 0;
        while (t < teams.size() || r < readers.size()) {
            boolean readerFirst = t == teams.size()
                    || r < readers.size() && higher(readers.get(r).kappa(), teams.get(t).kappa());
            if (readerFirst) {
                order.add(readers.get(r++));
            } else {
                order.add(new Joint(true, t, teams.get(t).kappa(), teams.get(t).calls()));
                t++;
            }
        }
        List<Joint> ranked = order.stream().filter(j -> j.calls() != null).toList();
        Spreads spreads = Spreads.none(teams.size(), readerKappas.size());
        if (ranked.size() < 2) {
            return spreads;
        }
        RankStatistics.Result result;
        try {
            result = RankStatistics.DEFAULT.compute(gold, ranked.stream().map(Joint::calls).toArray(int[][]::new));
        } catch (IllegalArgumentException e) {
            Log.warnf("no rank statistics for the board: %s", e.getMessage());
            return spreads;
        }
        List<Leaderboard.Spread> teamSpreads = new ArrayList<>(spreads.teams());
        List<Leaderboard.Spread> readerSpreads = new ArrayList<>(spreads.references());
        for (int i = 0; i < ranked.size(); i++) {
            RankStatistics.Row row = result.rows().get(i);
            Leaderboard.Spread spread = new Leaderboard.Spread(List.of(row.rankLo(), row.rankHi()), row.pVsNext(), row.group(), i + 1);
            (ranked.get(i).team() ? teamSpreads : readerSpreads).set(ranked.get(i).index(), spread);
        }
        RankStatistics.Tau tau = result.tau();
        return new Spreads(teamSpreads, readerSpreads,
                new Leaderboard.Stability(tau.median(), List.of(tau.lo(), tau.hi()), result.replicates()));
    }

    private static boolean higher(Double a, Double b) {
        return a != null && (b == null || a > b);
    }
}

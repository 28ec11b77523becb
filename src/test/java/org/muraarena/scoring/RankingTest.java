package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static Ranking.Entry<String> entry(String id, Double kappa, int minute) {
        return new Ranking.Entry<>(id, kappa, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute));
    }

    @Test
    void entriesEqualAtThreeDecimalsShareARankAndTheEarlierIsListedFirst() {
        List<Ranking.Ranked<String>> ranked = Ranking.rank(List.of(
                entry("late-tie", 0.7052, 5),
                entry("best", 0.80, 9),
                entry("early-tie", 0.7049, 1),
                entry("last", 0.60, 0)));
        assertEquals(List.of("best", "early-tie", "late-tie", "last"), ranked.stream().map(Ranking.Ranked::item).toList());
        assertEquals(Arrays.asList(1, 2, 2, 4), ranked.stream().map(Ranking.Ranked::rank).toList());
    }

    @Test
    void higherKappaRanksFirstEvenWhenSubmittedLater() {
        List<Ranking.Ranked<String>> ranked = Ranking.rank(List.of(entry("early", 0.701, 0), entry("late", 0.702, 10)));
        assertEquals(List.of("late", "early"), ranked.stream().map(Ranking.Ranked::item).toList());
        assertEquals(Arrays.asList(1, 2), ranked.stream().map(Ranking.Ranked::rank).toList());
    }

    @Test
    void entriesWithoutKappaComeLastUnranked() {
        List<Ranking.Ranked<String>> ranked = Ranking.rank(List.of(entry("none", null, 0), entry("some", -0.1, 3)));
        assertEquals(List.of("some", "none"), ranked.stream().map(Ranking.Ranked::item).toList());
        assertEquals(Arrays.asList(1, null), ranked.stream().map(Ranking.Ranked::rank).toList());
    }

    @Test
    void roundingAtThreeDecimalsIsHalfUpOnTheShownValue() {
        List<Ranking.Ranked<String>> ranked = Ranking.rank(List.of(entry("a", 0.7055, 0), entry("b", 0.7064, 1)));
        assertEquals(Arrays.asList(1, 1), ranked.stream().map(Ranking.Ranked::rank).toList());
    }
}

package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResampledKappasTest {
    @Test
    void fractionsThatRoundToTheSameDoubleAreStillOrderedExactly() {
        long big = 1L << 52;
        // (2^52 − 1)/2^52 and (2^52 − 2)/(2^52 − 1) differ by 2^-52/(2^52 − 1): the same double.
        assertEquals((double) (big - 1) / big, (double) (big - 2) / (big - 1));
        assertEquals(1, ResampledKappas.compareFractions(big - 1, big, big - 2, big - 1));
        assertEquals(-1, ResampledKappas.compareFractions(big - 2, big - 1, big - 1, big));
        assertEquals(-1, ResampledKappas.compareFractions(-(big - 1), big, -(big - 2), big - 1));
        assertEquals(0, ResampledKappas.compareFractions(big - 1, big, 2 * (big - 1), 2 * big));
        assertEquals(0, ResampledKappas.compareFractions(0, 5, 0, 7));
    }

    @Test
    void ranksShareTheBestRankOnTies() {
        int[] gold = {1, 1, 0, 0};
        ResampledKappas kappas = new ResampledKappas(gold, new int[][] {
            {1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 1}, {0, 0, 0, 0}, {0, 1, 0, 0}});
        kappas.scoreAll();
        // kappas 0.5, 1, 0, 0, 0.5
        assertEquals(List.of(2, 1, 4, 4, 2), Arrays.stream(kappas.ranks()).boxed().toList());
    }
}

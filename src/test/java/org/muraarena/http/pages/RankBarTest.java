package org.muraarena.http.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankBarTest {

    @Test
    void ranksMapOntoTheAxisFromRankOneAtTheLeftEdgeToTheLastAtTheRight() {
        RankBar bar = RankBar.of(List.of(1.0, 3.0), 2, 1, 5);
        assertEquals("4.0", bar.start());
        assertEquals("4.0", bar.lo());
        assertEquals("42.0", bar.hi(), "rank 3 of 5 sits halfway along the 76 px axis");
        assertEquals("23.0", bar.at());
        assertEquals("80.0", bar.end());
        assertEquals("rank 2 of 5 on all studies; 95% interval 1–3; group 1", bar.label());
        assertEquals("group-odd", bar.shade());
    }

    @Test
    void interpolatedRanksShowOneDecimalAndASingleEntrySitsInTheMiddle() {
        assertEquals("rank 1 of 4 on all studies; 95% interval 1–2.5; group 2", RankBar.of(List.of(1.0, 2.5), 1, 2, 4).label());
        assertEquals("group-even", RankBar.of(List.of(1.0, 2.5), 1, 2, 4).shade());
        RankBar alone = RankBar.of(List.of(1.0, 1.0), 1, 1, 1);
        assertEquals("42.0", alone.at());
        assertEquals("rank 1 of 1 on all studies; 95% interval 1; group 1", alone.label());
        assertNull(RankBar.of(null, null, null, 4), "no statistics, no bar");
    }
}

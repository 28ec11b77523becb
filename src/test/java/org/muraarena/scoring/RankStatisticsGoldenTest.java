package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rank-statistics case computed independently with exact fractions, numpy and scipy by
 * src/test/golden/make_rank_golden.py: the same number of kept replicates, every rank interval,
 * p-value and τ to 1e-9, the same groups and the same nulls.
 */
class RankStatisticsGoldenTest {
    private static final double TOLERANCE = 1e-9;

    @TestFactory
    Stream<DynamicTest> rankStatisticsMatchTheNumpyScipyReferenceOnEveryGoldenCase() throws Exception {
        return GoldenCases.each("/golden/rank-golden.json", 8, RankStatisticsGoldenTest::check);
    }

    private static void check(JsonNode c) {
        int[][] labels = new int[c.get("labels").size()][];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = digits(c.get("labels").get(r).asText());
        }
        RankStatistics statistics = new RankStatistics(c.get("replicates").asInt(),
                Long.parseUnsignedLong(c.get("seed").asText()), c.get("alpha").asDouble());
        RankStatistics.Result actual = statistics.compute(digits(c.get("gold").asText()), labels);

        JsonNode expected = c.get("expected");
        assertEquals(expected.get("replicates").asInt(), actual.replicates(), "kept replicates");
        assertEquals(labels.length, actual.rows().size(), "rows");
        for (int r = 0; r < labels.length; r++) {
            JsonNode e = expected.get("rows").get(r);
            RankStatistics.Row row = actual.rows().get(r);
            String where = "row " + r + " ";
            assertEquals(e.get("rank_lo").asDouble(), row.rankLo(), TOLERANCE, where + "rank_lo");
            assertEquals(e.get("rank_hi").asDouble(), row.rankHi(), TOLERANCE, where + "rank_hi");
            if (e.get("p_vs_next").isNull()) {
                assertNull(row.pVsNext(), where + "p_vs_next");
            } else {
                assertEquals(e.get("p_vs_next").asDouble(), row.pVsNext(), TOLERANCE, where + "p_vs_next");
            }
            assertEquals(e.get("group").asInt(), row.group(), where + "group");
        }
        JsonNode tau = expected.get("tau");
        if (tau.isNull()) {
            assertNull(actual.tau(), "tau");
        } else {
            assertEquals(tau.get("median").asDouble(), actual.tau().median(), TOLERANCE, "tau median");
            assertEquals(tau.get("lo").asDouble(), actual.tau().lo(), TOLERANCE, "tau lo");
            assertEquals(tau.get("hi").asDouble(), actual.tau().hi(), TOLERANCE, "tau hi");
        }
    }

    private static int[] digits(String text) {
        return text.chars().map(ch -> ch - '0').toArray();
    }
}

package org.muraarena.competition.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComputeBudgetPolicyTest {

    @Test
    void withoutABudgetNothingIsEverRefused() {
        assertTrue(new ComputeBudget(Optional.empty()).refusal(1e12).isEmpty());
    }

    @Test
    void aTeamBelowItsBudgetMayTagAndOneThatReachedItMayNot() {
        ComputeBudget budget = new ComputeBudget(Optional.of(2.5));
        assertTrue(budget.refusal(0).isEmpty());
        assertTrue(budget.refusal(2.5 * 3600 - 0.001).isEmpty());
        assertEquals(Optional.of("the compute budget of 2.5 CPU hours is spent: your evaluations have used 2.50 CPU hours"
                + " (dry and hidden runs, failed ones too); ask the organizers for more"), budget.refusal(2.5 * 3600));
        assertTrue(budget.refusal(10 * 3600).orElseThrow().contains("used 10.00 CPU hours"));
    }

    @Test
    void aZeroBudgetRefusesEveryTag() {
        assertTrue(new ComputeBudget(Optional.of(0.0)).refusal(0).orElseThrow().startsWith("the compute budget of 0 CPU hours"));
    }

    @Test
    void aNegativeOrEndlessBudgetIsRefusedNamingTheSetting() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ComputeBudget(Optional.of(bad)));
            assertTrue(e.getMessage().contains("arena.quota.compute-hours"), e.getMessage());
        }
    }

    @Test
    void budgetsReadAsPeopleWriteThem() {
        assertEquals("1 CPU hour", ComputeBudget.describe(1));
        assertEquals("100 CPU hours", ComputeBudget.describe(100));
        assertEquals("0.25 CPU hours", ComputeBudget.describe(0.25));
    }
}

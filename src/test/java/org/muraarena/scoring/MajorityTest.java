package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MajorityTest {
    @Test
    void twoOfThreeReadersDecide() {
        assertEquals(1, Scorer.majority(1, 1, 0));
        assertEquals(0, Scorer.majority(0, 1, 0));
        assertEquals(1, Scorer.majority(1, 1, 1));
        assertEquals(0, Scorer.majority(0, 0, 0));
    }

    @Test
    void anEvenNumberOfReadersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Scorer.majority(1, 0));
    }
}

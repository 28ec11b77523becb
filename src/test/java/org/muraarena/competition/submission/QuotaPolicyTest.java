package org.muraarena.competition.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final QuotaPolicy policy = new QuotaPolicy(5, 20);

    static List<Instant> hoursAgo(long... hours) {
        return java.util.Arrays.stream(hours).mapToObj(h -> NOW.minusSeconds(3600 * h)).toList();
    }

    @Test
    void fiveRunsInTheLastDayBlockTheSixthUntilTheOldestLeavesTheWindow() {
        Optional<QuotaPolicy.Refusal> refusal = policy.check(hoursAgo(23, 10, 5, 2, 1), NOW);
        assertTrue(refusal.isPresent());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), refusal.get().nextSlot());
    }

    @Test
    void runsOlderThanADayDoNotCountTowardsTheDailyQuota() {
        assertTrue(policy.check(hoursAgo(30, 25, 5, 2, 1), NOW).isEmpty());
    }

    @Test
    void theTotalQuotaHasNoNextSlot() {
        long[] old = new long[20];
        for (int i = 0; i < 20; i++) {
            old[i] = 48L * (i + 1);
        }
        Optional<QuotaPolicy.Refusal> refusal = policy.check(hoursAgo(old), NOW);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().nextSlot().isEmpty());
        assertTrue(refusal.get().reason().contains("total quota of 20"));
    }

    @Test
    void theUploadQuotaCountsTheLastDayOnlyAndSaysUploads() {
        QuotaPolicy uploads = QuotaPolicy.uploads(2);
        long[] longAgo = new long[500];
        for (int i = 0; i < longAgo.length; i++) {
            longAgo[i] = 25L + i;
        }
        assertTrue(uploads.check(hoursAgo(longAgo), NOW).isEmpty(), "no total for uploads");
        Optional<QuotaPolicy.Refusal> refusal = uploads.check(hoursAgo(3, 1), NOW);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().reason().contains("2 uploads per 24 hours"), refusal.get().reason());
        assertEquals(Optional.of(NOW.plusSeconds(21 * 3600)), refusal.get().nextSlot());
    }
}

package org.muraarena.competition.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A team's quota of {@code what}: at most {@code perDay} in any 24 hours and {@code total} in all.
 * For hidden runs, failed runs count (cancelled ones do not: the team did not get a run); for
 * uploads, every upload stored counts. Pure, so it is tested alone.
 */
public record QuotaPolicy(int perDay, int total, String what) {
    public static final Duration WINDOW = Duration.ofHours(24);

    /** The hidden-run quota. */
    public QuotaPolicy(int perDay, int total) {
        this(perDay, total, "hidden evaluations");
    }

    /** The upload quota: per day only. */
    public static QuotaPolicy uploads(int perDay) {
        return new QuotaPolicy(perDay, Integer.MAX_VALUE, "uploads");
    }

    /** Why another one is refused now, and when the next slot opens (empty when never). */
    public record Refusal(String reason, Optional<Instant> nextSlot) {
    }

    /** @param counted when each counted run (or upload) of the team was queued (or stored) */
    public Optional<Refusal> check(List<Instant> counted, Instant now) {
        if (counted.size() >= total) {
            return Optional.of(new Refusal("the total quota of " + total + " " + what + " is used up", Optional.empty()));
        }
        List<Instant> recent = counted.stream().filter(t -> t.isAfter(now.minus(WINDOW))).sorted().toList();
        if (recent.size() >= perDay) {
            Instant next = recent.get(recent.size() - perDay).plus(WINDOW);
            return Optional.of(new Refusal("the quota of " + perDay + " " + what + " per 24 hours is used up; the next slot opens at "
                    + next, Optional.of(next)));
        }
        return Optional.empty();
    }
}

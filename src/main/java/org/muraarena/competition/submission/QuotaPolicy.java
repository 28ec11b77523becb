package org.muraarena.competition.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hidden-run quota: at most {@code perDay} in any 24 hours and {@code total} in all, failed
 * runs counted (cancelled ones are not: the team did not get a run). Pure, so it is tested alone.
 */
public record QuotaPolicy(int perDay, int total) {
    public static final Duration WINDOW = Duration.ofHours(24);

    /** Why another hidden run is refused now, and when the next slot opens (empty when never). */
    public record Refusal(String reason, Optional<Instant> nextSlot) {
    }

    /** @param counted when each counted hidden run of the team was queued */
    public Optional<Refusal> check(List<Instant> counted, Instant now) {
        if (counted.size() >= total) {
            return Optional.of(new Refusal("the total quota of " + total + " hidden evaluations is used up", Optional.empty()));
        }
        List<Instant> recent = counted.stream().filter(t -> t.isAfter(now.minus(WINDOW))).sorted().toList();
        if (recent.size() >= perDay) {
            Instant next = recent.get(recent.size() - perDay).plus(WINDOW);
            return Optional.of(new Refusal("the quota of " + perDay + " hidden evaluations per 24 hours is used up; the next slot opens at "
                    + next, Optional.of(next)));
        }
        return Optional.empty();
    }
}

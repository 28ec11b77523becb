package org.muraarena.competition.submission;

import java.util.Locale;
import java.util.Optional;

/**
 * A team's compute budget: {@code hours} CPU hours over all its evaluations (dry and hidden runs,
 * failed ones too), or none. Once its evaluations have used that much, tags are refused. Pure, so it
 * is tested alone.
 */
public record ComputeBudget(Optional<Double> hours) {

    public ComputeBudget {
        if (hours.isPresent() && !(hours.get() >= 0 && hours.get() < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("arena.quota.compute-hours must be a number of hours >= 0, got " + hours.get());
        }
    }

    /** Why another hidden run is refused when the team's evaluations used {@code usedCpuSeconds}; empty when it may go on. */
    public Optional<String> refusal(double usedCpuSeconds) {
        if (hours.isEmpty() || usedCpuSeconds < hours.get() * 3600) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the compute budget of %s is spent: your evaluations have used"
                + " %.2f CPU hours (dry and hidden runs, failed ones too); ask the organizers for more", describe(hours.get()),
                usedCpuSeconds / 3600));
    }

    /** {@code 1 CPU hour}, {@code 2.5 CPU hours}. */
    public static String describe(double hours) {
        String amount = java.math.BigDecimal.valueOf(hours).stripTrailingZeros().toPlainString();
        return amount + (amount.equals("1") ? " CPU hour" : " CPU hours");
    }
}

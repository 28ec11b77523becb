package org.muraarena.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;

/**
 * What this worker's evaluations cost and how they ended, for the operator's Prometheus
 * ({@code /q/metrics}, organizers only: a hidden run's duration and outcome must not reach a team
 * before its release): {@code arena_evaluation_seconds} (a histogram by phase and kind) and
 * {@code arena_evaluations_total} by phase and outcome.
 */
@ApplicationScoped
public class EvaluationMetrics {
    /** How an attempt ended, as the metrics name it. */
    public enum Outcome {
        SUCCEEDED, FAILED, CANCELLED, RETRIED, DISCARDED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(Phase phase, Manifest.Kind kind, Outcome outcome, Duration took) {
        String p = phase.name().toLowerCase(Locale.ROOT);
        Timer.builder("arena.evaluation").description("Wall-clock time of one evaluation attempt, from claim to record")
                .tags("phase", p, "kind", kind == null ? "unknown" : kind.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry).record(took);
        Counter.builder("arena.evaluations").description("Evaluation attempts by how they ended")
                .tags("phase", p, "outcome", outcome.label()).register(registry).increment();
    }
}

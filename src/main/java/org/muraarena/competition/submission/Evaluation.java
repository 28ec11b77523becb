package org.muraarena.competition.submission;

import org.muraarena.core.Compute;
import org.muraarena.core.Phase;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** One run of a submission on one set: a row of the durable job queue. */
@Entity
public class Evaluation extends PanacheEntityBase {
    /** Logs are kept to their last this many characters. */
    public static final int LOG_LIMIT = 1 << 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    public Submission submission;
    @Enumerated(EnumType.STRING)
    public Phase phase;
    @Enumerated(EnumType.STRING)
    private EvaluationStatus status;
    public int progressDone;
    public int progressTotal;
    /** Attempts so far; only grows, so that a late result of an earlier attempt is recognised. */
    public int attempt;
    /** {@link #attempt} when an organizer last re-queued the job: attempts count again from there. */
    public int attemptsBeforeRequeue;
    public String leaseOwner;
    public Instant leaseUntil;
    public Instant queuedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public String failureClass;
    public String error;
    public String log = "";
    public String provider;
    /** CPU seconds its sandbox measured, summed over its attempts (failed ones too); null before any. */
    public Double cpuSeconds;
    /** Seconds on a GPU, summed likewise; null unless a GPU ran. */
    public Double gpuSeconds;
    /** When a hidden run's outcome reached its team and the board (a release tick), or null before. */
    public Instant releasedAt;
    /** The Ladder's decision on a released hidden success (null otherwise); the numbers are for organizers. */
    public Boolean ladderImproved;
    public Double ladderKappaBest;
    public Double ladderKappaCandidate;
    public Double ladderDifference;
    public Double ladderStandardError;
    public Integer ladderReplicates;
    /** A dry run's explanations: null (none asked), RUNNING, DONE or FAILED; see {@link ExplanationStore}. */
    public String explainState;
    public int explainDone;
    public int explainTotal;
    /** The sanity check's verdict on the maps (null without maps). */
    public Boolean explainReliable;
    public Double explainCorrelation;
    /** Why the explanations failed, or what limited them. */
    public String explainMessage;
    /** The team's released best right after the decision: this run when it improved, else the one it did not beat. */
    @ManyToOne
    public Evaluation ladderBest;

    public EvaluationStatus status() {
        return status;
    }

    /**
     * The one place a status changes. Refuses a transition the vocabulary does not allow, and
     * stamps the times that go with it.
     */
    public void transitionTo(EvaluationStatus next, Instant now) {
        if (status != null && !status.next().contains(next)) {
            throw new IllegalStateException("evaluation " + id + " cannot go from " + status + " to " + next);
        }
        status = next;
        switch (next) {
            case QUEUED -> {
                queuedAt = now;
                // a re-queued run is released again when it ends again
                releasedAt = null;
                explainState = null; // a re-run explains itself again
                explainDone = 0;
                explainTotal = 0;
                startedAt = null;
                finishedAt = null;
                leaseOwner = null;
                leaseUntil = null;
            }
            case RUNNING -> {
                startedAt = now;
                attempt++;
            }
            default -> {
                finishedAt = now;
                leaseOwner = null;
                leaseUntil = null;
            }
        }
    }

    /** What it cost so far, or null when nothing was measured. */
    public Compute compute() {
        return cpuSeconds == null ? null : new Compute(cpuSeconds, gpuSeconds);
    }

    /** Adds one attempt's cost (null: not measured). */
    public void charge(Compute attempt) {
        if (attempt != null) {
            Compute total = attempt.plus(compute());
            cpuSeconds = total.cpuSeconds();
            gpuSeconds = total.gpuSeconds();
        }
    }

    /** Attempts since the last re-queue by an organizer. */
    public int attemptsSinceRequeue() {
        return attempt - attemptsBeforeRequeue;
    }

    /** Appends to the log, keeping only its tail past {@link #LOG_LIMIT}. */
    public void appendLog(String text) {
        String joined = log + text;
        log = joined.length() <= LOG_LIMIT ? joined : joined.substring(joined.length() - LOG_LIMIT);
    }
}

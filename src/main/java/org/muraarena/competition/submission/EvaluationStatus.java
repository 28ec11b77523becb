package org.muraarena.competition.submission;

import java.util.EnumSet;
import java.util.Set;

/** The one status vocabulary of evaluations, with the transitions it allows. */
public enum EvaluationStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Statuses this one may change to. */
    public Set<EvaluationStatus> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELLED);
            // back to QUEUED when a lease expires (its worker died) or an organizer re-queues
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.of(QUEUED);
        };
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}

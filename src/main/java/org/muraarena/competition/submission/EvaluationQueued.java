package org.muraarena.competition.submission;

import org.muraarena.core.Phase;

/**
 * Fired when an evaluation joins the queue. Workers observe it after the transaction commits, so
 * they never claim before the row is visible and need not wait for their next poll.
 */
public record EvaluationQueued(long evaluationId, Phase phase) {
}

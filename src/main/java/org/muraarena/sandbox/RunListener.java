package org.muraarena.sandbox;

/** What a running sandbox reports back. Called from the sandbox's threads. */
public interface RunListener {
    /** {@code done} of {@code total} images processed. */
    void progress(int done, int total);

    /** One line of the run's log (the harness's and the submission's own output). */
    void log(String line);

    /**
     * The run's predictions are complete and checked, and the sandbox goes on with the explanations
     * the request asked for: the caller may score and publish them now, before {@code run} returns.
     * Not called when no explanations follow. {@code outcome.compute()} is null here: the run's cost
     * is known only at its end.
     */
    default void predictionsReady(RunOutcome outcome) {
    }

    /** {@code done} of {@code total} steps (batched forward passes) of the explanations. */
    default void explainProgress(int done, int total) {
    }

    /** Whether an organizer cancelled the run; the sandbox then stops and throws a {@link SandboxFailure}. */
    boolean cancelled();
}

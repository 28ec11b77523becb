package org.muraarena.sandbox;

/** What a running sandbox reports back. Called from the sandbox's threads. */
public interface RunListener {
    /** {@code done} of {@code total} images processed. */
    void progress(int done, int total);

    /** One line of the run's log (the harness's and the submission's own output). */
    void log(String line);

    /** Whether an organizer cancelled the run; the sandbox then stops and throws a {@link SandboxFailure}. */
    boolean cancelled();
}

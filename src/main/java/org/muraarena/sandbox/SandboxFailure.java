package org.muraarena.sandbox;

import java.util.Optional;
import org.muraarena.core.Compute;
import org.muraarena.core.FailureClass;

/**
 * A run that did not produce valid predictions. The class is shown to the team for every run;
 * the message (which may quote the submission's output) only for dry runs. A run that got as far
 * as running the submission carries what it cost ({@link #compute()}): failed runs cost compute too.
 */
public class SandboxFailure extends Exception {
    private final FailureClass failureClass;
    private Compute compute;

    public SandboxFailure(FailureClass failureClass, String message) {
        super(message);
        this.failureClass = failureClass;
    }

    public SandboxFailure(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    /** What the run cost before it failed; empty when the sandbox did not get to run it. */
    public Optional<Compute> compute() {
        return Optional.ofNullable(compute);
    }

    /** This failure, saying what the run cost (set by the sandbox that measured it). */
    public SandboxFailure withCompute(Compute measured) {
        this.compute = measured;
        return this;
    }
}

package org.muraarena.sandbox;

import org.muraarena.core.FailureClass;

/**
 * A run that did not produce valid predictions. The class is shown to the team for every run;
 * the message (which may quote the submission's output) only for dry runs.
 */
public class SandboxFailure extends Exception {
    private final FailureClass failureClass;

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
}

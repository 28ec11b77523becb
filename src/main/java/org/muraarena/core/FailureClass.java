package org.muraarena.core;

/**
 * Why a run failed: shown to the team for its dry run; for a hidden run only to organizers, since a
 * model could choose its failure from what it sees in hidden images (docs/DESIGN.md).
 */
public enum FailureClass {
    /** The model file could not be loaded or does not fit the manifest (bad bytes, wrong input rank or size). */
    INVALID_MODEL("invalid model"),
    /** It ran past the wall-clock limit. */
    TIME_LIMIT("time limit"),
    /** It ran out of memory. */
    MEMORY_LIMIT("memory limit"),
    /** The runtime or the process crashed. */
    CRASH("crash"),
    /** Missing, malformed or out-of-range output (NaN, outside [0,1], missing images). */
    INVALID_OUTPUT("missing or invalid output"),
    /** A container exited with a non-zero code. */
    EXIT_CODE("exit code"),
    /** An organizer cancelled it. */
    CANCELLED("cancelled"),
    /** The platform failed, not the submission; such runs are retried. */
    INTERNAL("internal error");

    private final String label;

    FailureClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

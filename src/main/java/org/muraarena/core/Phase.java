package org.muraarena.core;

/** Which set an evaluation runs on: the public sample (dry run) or the hidden test set. */
public enum Phase {
    DRY_RUN, HIDDEN
}

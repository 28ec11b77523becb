package org.muraarena.dataset.synth;

/** What an abnormal synthetic view shows; {@link #NONE} is a normal view. */
public enum Finding {
    NONE, FRACTURE, HARDWARE, LESION
}

package org.muraarena.dataset.synth;

/** Alters one bone's projected density (a fracture gap, a lesion) before it joins the film. */
interface BoneModifier {
    /** @param values row-major w-wide buffer holding only this bone, nonzero only inside {@code box} */
    void apply(float[] values, int w, Box box);
}

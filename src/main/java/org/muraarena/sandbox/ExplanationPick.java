package org.muraarena.sandbox;

/** Placeholder until the explain branch lands (same shape). */
public record ExplanationPick(String study, String image, int label, double probability, boolean correct) {
}

package org.muraarena.sandbox;

/**
 * One study chosen for an explanation map, and the image of it that is explained.
 *
 * @param study the study's path, with a trailing slash
 * @param image the explained image's path (the one that drove the study's call)
 * @param label the study's gold label, 0 normal or 1 abnormal
 * @param probability the STUDY's probability, aggregated as scoring does
 * @param correct whether the call (abnormal iff probability above the scoring threshold) matches the label
 */
public record ExplanationPick(String study, String image, int label, double probability, boolean correct) {
}

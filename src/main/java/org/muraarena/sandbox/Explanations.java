package org.muraarena.sandbox;

import java.util.List;

/**
 * What a dry run's explanation step produced: for each picked study its image with, for an ONNX
 * model, an occlusion map as two PNGs at the image's size (the radiograph under a colour map, and
 * the map alone); for a container the picks alone (its contract cannot run occluded images).
 *
 * @param reliable the sanity check's verdict (the map changes when the last layer is randomised);
 *     null when no maps were made
 * @param correlation between the map and the randomised model's map (null when none)
 * @param message why the step failed or what limited it (null when it went as asked)
 */
public record Explanations(State state, Boolean reliable, Double correlation, String message, List<Item> items) {

    public enum State { DONE, FAILED }

    /** One picked study; {@code overlayPng} and {@code mapPng} are null without maps. */
    public record Item(ExplanationPick pick, int width, int height, byte[] overlayPng, byte[] mapPng) {
        public boolean hasMaps() {
            return overlayPng != null && mapPng != null;
        }
    }

    public Explanations {
        items = List.copyOf(items);
    }

    public static Explanations failed(String message) {
        return new Explanations(State.FAILED, null, null, message, List.of());
    }

    /** The gallery without maps: the picks' images and probabilities. */
    public static Explanations withoutMaps(List<ExplanationPick> picks, String why) {
        return new Explanations(State.DONE, null, null, why, picks.stream().map(p -> new Item(p, 0, 0, null, null)).toList());
    }
}

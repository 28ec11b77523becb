package org.muraarena.core;

import java.util.List;

/**
 * A submission's manifest (docs/DESIGN.md), every field defaulted. ONNX manifests say how the harness
 * feeds the model; container manifests only name the model and whether it wants a GPU.
 */
public record Manifest(String name, Kind kind, Input input, Output output, Aggregation aggregation, boolean gpu) {

    public enum Kind { ONNX, CONTAINER }

    public enum Layout { NCHW, NHWC }

    public enum Resize { STRETCH, LETTERBOX }

    public enum OutputType { PROBABILITY, LOGIT, SOFTMAX }

    /**
     * How images become the model's input tensor: luminance replicated to {@code channels},
     * resized to {@code height}×{@code width}, divided by {@code scale}, then (x − mean) / std per channel.
     *
     * @param name the graph input to feed, or null for the model's only input
     */
    public record Input(String name, Layout layout, int channels, int height, int width, double scale,
                        List<Double> mean, List<Double> std, Resize resize) {
        public Input {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
        }
    }

    /**
     * Which output holds the abnormality and how to read it.
     *
     * @param name the graph output, or null for the model's first output
     * @param index the element per image to read (for softmax, the abnormal class)
     */
    public record Output(String name, OutputType type, int index) {
    }

    public static final Input DEFAULT_INPUT = new Input(null, Layout.NCHW, 3, 224, 224, 255.0,
            List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Resize.STRETCH);

    public static final Output DEFAULT_OUTPUT = new Output(null, OutputType.PROBABILITY, 0);
}

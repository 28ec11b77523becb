package org.muraarena.http.api;

import static org.muraarena.dataset.baseline.OnnxGraph.BOOL;
import static org.muraarena.dataset.baseline.OnnxGraph.FLOAT;
import static org.muraarena.dataset.baseline.OnnxGraph.INT64;
import static org.muraarena.dataset.baseline.OnnxGraph.graphAttr;
import static org.muraarena.dataset.baseline.OnnxGraph.intAttr;
import static org.muraarena.dataset.baseline.OnnxGraph.intsAttr;

import java.util.List;
import org.muraarena.dataset.baseline.OnnxGraph;

/**
 * The hostile models of the indistinguishability test, on the tiny contract of the committed fixtures
 * (input {@code image} [N,3,8,8], output {@code abnormal_prob} [N,1]; run with
 * {@link SubmissionResourceTest#TINY_MANIFEST}), built from code. Each sees only its images'
 * brightness b = mean(image); the normal answer is sigmoid(b + 0.25), as {@code tiny_dynamic.onnx} gives.
 * The two members of a pair share one graph and differ only in float constants, so their files have
 * the same size.
 */
final class ProbeModels {
    private ProbeModels() {
    }

    /** NaN for every image brighter than {@code threshold}; with {@code +Infinity} the normal output everywhere. */
    static byte[] nanAbove(double threshold) {
        OnnxGraph g = brightness("nan-above");
        g.floats("bias", new float[] {0.25f}, 1).floats("T", new float[] {(float) threshold}, 1)
                .floats("nan", new float[] {Float.NaN}, 1)
                .node("Greater", List.of("b", "T"), List.of("bright"))
                .node("Add", List.of("b", "bias"), List.of("z"))
                .node("Sigmoid", List.of("z"), List.of("p"))
                .node("Where", List.of("bright", "nan", "p"), List.of("abnormal_prob"));
        return g.model();
    }

    /**
     * The normal output, but a batch holding an image brighter than {@code threshold} first spins a
     * Loop {@code trips} times (0: once, whatever the images). The loop's count feeds the output as
     * (count − trip count) = 0, so ONNX Runtime can neither skip nor fold it.
     */
    static byte[] loopAbove(double threshold, float trips) {
        OnnxGraph body = new OnnxGraph("spin")
                .input("i", INT64).input("keep_in", BOOL).input("n_in", FLOAT)
                .floats("step", new float[] {1f})
                .node("Identity", List.of("keep_in"), List.of("keep_out"))
                .node("Add", List.of("n_in", "step"), List.of("n_out"))
                .output("keep_out", BOOL).output("n_out", FLOAT);
        OnnxGraph g = brightness("loop-above");
        g.floats("bias", new float[] {0.25f}, 1).floats("T", new float[] {(float) threshold}, 1)
                .floats("trips", new float[] {trips})
                .floats("one", new float[] {1f}).floats("zero", new float[] {0f}).bool("keep", true)
                .node("Greater", List.of("b", "T"), List.of("bright"))
                .node("Cast", List.of("bright"), List.of("bright_f"), intAttr("to", FLOAT))
                .node("ReduceMax", List.of("bright_f"), List.of("any"), intAttr("keepdims", 0))
                .node("Mul", List.of("any", "trips"), List.of("extra"))
                .node("Add", List.of("extra", "one"), List.of("trip_f"))
                .node("Cast", List.of("trip_f"), List.of("trip"), intAttr("to", INT64))
                .node("Loop", List.of("trip", "keep", "zero"), List.of("counted"), graphAttr("body", body))
                .node("Sub", List.of("counted", "trip_f"), List.of("nothing"))
                .node("Add", List.of("b", "bias"), List.of("z0"))
                .node("Add", List.of("z0", "nothing"), List.of("z"))
                .node("Sigmoid", List.of("z"), List.of("abnormal_prob"));
        return g.model();
    }

    /** 1 for an image whose brightness lies strictly between {@code low} and {@code high}, else 0. */
    static byte[] abnormalWithin(double low, double high) {
        OnnxGraph g = brightness("abnormal-within");
        g.floats("low", new float[] {(float) low}, 1).floats("high", new float[] {(float) high}, 1)
                .node("Greater", List.of("b", "low"), List.of("above"))
                .node("Less", List.of("b", "high"), List.of("below"))
                .node("And", List.of("above", "below"), List.of("inside"))
                .node("Cast", List.of("inside"), List.of("abnormal_prob"), intAttr("to", FLOAT));
        return g.model();
    }

    /** The contract's input and output, and b = mean(image) as [N,1]. */
    private static OnnxGraph brightness(String name) {
        return new OnnxGraph(name)
                .input("image", FLOAT, "N", 3, 8, 8).output("abnormal_prob", FLOAT, "N", 1)
                .node("ReduceMean", List.of("image"), List.of("m"), intsAttr("axes", 1, 2, 3), intAttr("keepdims", 1))
                .node("Flatten", List.of("m"), List.of("b"), intAttr("axis", 1));
    }
}

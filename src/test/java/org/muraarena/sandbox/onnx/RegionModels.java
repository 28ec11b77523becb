package org.muraarena.sandbox.onnx;

import static org.muraarena.dataset.baseline.OnnxGraph.FLOAT;
import static org.muraarena.dataset.baseline.OnnxGraph.intAttr;
import static org.muraarena.dataset.baseline.OnnxGraph.intsAttr;

import java.util.Arrays;
import java.util.List;
import org.muraarena.dataset.baseline.OnnxGraph;

/**
 * Models whose abnormality comes from one known region of the image: input {@code image}
 * [N,C,side,side] → AveragePool into a 4×4 grid of cell means → Flatten → Gemm → Sigmoid →
 * {@code abnormal_prob} [N,1]. The Gemm's weight is {@code weight} for one cell (every channel)
 * and 1% of it elsewhere.
 */
final class RegionModels {
    private RegionModels() {
    }

    /** The cell's Gemm is the last layer. */
    static byte[] region(int channels, int side, int cellRow, int cellCol, float weight, float bias) {
        return cells(channels, side, cellRow, cellCol, weight, bias, "z")
                .node("Sigmoid", List.of("z"), List.of("abnormal_prob")).model();
    }

    /**
     * The spatial dependence is fixed before the last layer, a 1×1 Gemm (weight 1, bias 0):
     * randomising that layer rescales the logit but cannot move the evidence.
     */
    static byte[] scalarLastLayer(int channels, int side, int cellRow, int cellCol, float weight, float bias) {
        return cells(channels, side, cellRow, cellCol, weight, bias, "z")
                .floats("w_last", new float[] {1f}, 1, 1).floats("b_last", new float[] {0f}, 1)
                .node("Gemm", List.of("z", "w_last", "b_last"), List.of("y"))
                .node("Sigmoid", List.of("y"), List.of("abnormal_prob")).model();
    }

    private static OnnxGraph cells(int channels, int side, int cellRow, int cellCol, float weight, float bias,
            String logit) {
        int k = side / 4;
        float[] w = new float[channels * 16];
        Arrays.fill(w, weight / 100);
        for (int c = 0; c < channels; c++) {
            w[c * 16 + cellRow * 4 + cellCol] = weight;
        }
        return new OnnxGraph("region")
                .input("image", FLOAT, "N", channels, side, side).output("abnormal_prob", FLOAT, "N", 1)
                .floats("w", w, channels * 16L, 1).floats("b", new float[] {bias}, 1)
                .node("AveragePool", List.of("image"), List.of("cells"), intsAttr("kernel_shape", k, k),
                        intsAttr("strides", k, k))
                .node("Flatten", List.of("cells"), List.of("flat"), intAttr("axis", 1))
                .node("Gemm", List.of("flat", "w", "b"), List.of(logit));
    }
}

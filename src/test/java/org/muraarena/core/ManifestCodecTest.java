package org.muraarena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    @Test
    void aManifestWithOnlyANameGetsEveryDefault() throws Exception {
        Manifest m = ManifestCodec.parse("{\"name\": \"densenet169-v2\"}");
        assertEquals(Manifest.Kind.ONNX, m.kind());
        assertEquals(Manifest.DEFAULT_INPUT, m.input());
        assertEquals(Manifest.DEFAULT_OUTPUT, m.output());
        assertEquals(Aggregation.MEAN, m.aggregation());
    }

    @Test
    void theDesignDocumentsExampleParses() throws Exception {
        Manifest m = ManifestCodec.parse("""
                { "name": "densenet169-v2",
                  "input":  { "name": null, "layout": "NCHW", "channels": 3, "height": 320, "width": 320,
                              "scale": 255.0, "mean": [0.485,0.456,0.406], "std": [0.229,0.224,0.225],
                              "resize": "letterbox" },
                  "output": { "name": "abnormal_prob", "type": "softmax", "index": 1 },
                  "aggregation": "max" }""");
        assertEquals(320, m.input().height());
        assertEquals(Manifest.Resize.LETTERBOX, m.input().resize());
        assertEquals(Manifest.OutputType.SOFTMAX, m.output().type());
        assertEquals(1, m.output().index());
        assertEquals(Aggregation.MAX, m.aggregation());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ManifestCodec.InvalidManifestException e = assertThrows(ManifestCodec.InvalidManifestException.class,
                () -> ManifestCodec.parse("{\"input\": {\"height\": 0, \"scale\": -1, \"std\": [1, 0, 1]},"
                        + " \"output\": {\"type\": \"odds\"}, \"aggregation\": \"median\", \"gpu\": \"yes\"}"));
        List<String> problems = e.problems();
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.contains("name is required"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("input.height must be a whole number from 8")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("output.type must be one of probability|logit|softmax")));
    }

    @Test
    void singleChannelModelsGetSingleChannelDefaults() throws Exception {
        Manifest m = ManifestCodec.parse("{\"name\": \"grey\", \"input\": {\"channels\": 1}}");
        assertEquals(List.of(0.485), m.input().mean());
        assertEquals(List.of(0.229), m.input().std());
    }

    @Test
    void containerManifestsTakeNoInputOrOutput() {
        assertThrows(ManifestCodec.InvalidManifestException.class,
                () -> ManifestCodec.parse("{\"name\": \"c\", \"kind\": \"container\", \"input\": {}}"));
    }

    @Test
    void canonicalJsonParsesBackToTheSameManifest() throws Exception {
        Manifest.Input in = new Manifest.Input("pixels", Manifest.Layout.NHWC, 1, 320, 256, 1.0, List.of(0.5),
                List.of(0.25), Manifest.Resize.LETTERBOX);
        Manifest onnx = new Manifest("densenet169-v2", Manifest.Kind.ONNX, in,
                new Manifest.Output("scores", Manifest.OutputType.SOFTMAX, 1), Aggregation.MAX, false);
        Manifest defaults = ManifestCodec.parse("{\"name\": \"d\"}");
        Manifest container = ManifestCodec.parse("{\"name\": \"c\", \"kind\": \"container\", \"gpu\": true}");
        for (Manifest m : List.of(onnx, defaults, container)) {
            assertEquals(m, ManifestCodec.parse(ManifestCodec.toJson(m)));
        }
    }
}

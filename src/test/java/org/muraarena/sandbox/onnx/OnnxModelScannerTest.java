package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnnxModelScannerTest {

    @Test
    void readsDynamicBatchContract() throws Exception {
        OnnxModelInfo info = OnnxModelScanner.scan(Fixtures.onnx("tiny_dynamic.onnx"));
        assertEquals(7, info.irVersion());
        assertEquals(13L, info.opsets().get("ai.onnx"));
        assertEquals(1, info.inputs().size(), "the bias initializer is not a fed input");
        OnnxModelInfo.TensorSpec in = info.inputs().get(0);
        assertEquals("image", in.name());
        assertEquals(OnnxModelInfo.FLOAT, in.elemType());
        assertArrayEquals(new long[] {-1, 3, 8, 8}, in.dims());
        assertEquals("N", in.dimParams()[0]);
        assertEquals("abnormal_prob", info.outputs().get(0).name());
        assertArrayEquals(new long[] {-1, 1}, info.outputs().get(0).dims());
        assertTrue(info.dynamicBatch());
        assertTrue(info.externalData().isEmpty());
        info.requireNoExternalData();
        info.requireImageClassifier(3, 8, 8);
    }

    @Test
    void fixedBatchOneIsAcceptedButNotDynamic() throws Exception {
        OnnxModelInfo info = OnnxModelScanner.scan(Fixtures.onnx("tiny_batch1.onnx"));
        assertArrayEquals(new long[] {1, 3, 8, 8}, info.inputs().get(0).dims());
        assertFalse(info.dynamicBatch());
        info.requireImageClassifier(3, 8, 8);
    }

    @Test
    void shapeMismatchWithManifestIsIncompatible() throws Exception {
        OnnxModelInfo info = OnnxModelScanner.scan(Fixtures.onnx("tiny_dynamic.onnx"));
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> info.requireImageClassifier(3, 320, 320));
        assertEquals(OnnxModelException.Kind.INCOMPATIBLE, e.kind());
        assertTrue(e.getMessage().contains("image:float32[N,3,8,8]"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "external_initializer.onnx, ../../labels/test_readers.csv, graph/initializer",
        "external_absolute.onnx, /etc/hostname, graph/initializer",
        "external_subgraph.onnx, ../secret.bin, /graph/initializer",
        "external_constant.onnx, c.bin, /tensor",
        "external_sparse.onnx, /proc/self/environ, graph/sparse_initializer"})
    void everyExternalReferenceIsFoundAndRefused(String file, String location, String where) throws Exception {
        OnnxModelInfo info = OnnxModelScanner.scan(Fixtures.onnx(file));
        assertEquals(1, info.externalData().size(), info.externalData().toString());
        OnnxModelInfo.ExternalDataRef ref = info.externalData().get(0);
        assertEquals(location, ref.location());
        assertTrue(ref.where().endsWith(where) || ref.where().contains(where), ref.where());
        OnnxModelException e = assertThrows(OnnxModelException.class, info::requireNoExternalData);
        assertEquals(OnnxModelException.Kind.UNSAFE, e.kind());
        assertTrue(e.getMessage().contains(location), e.getMessage());
    }

    @Test
    void subgraphReferenceNamesItsNode() throws Exception {
        OnnxModelInfo info = OnnxModelScanner.scan(Fixtures.onnx("external_subgraph.onnx"));
        assertEquals("graph/node[]/graph/initializer", info.externalData().get(0).where());
        assertEquals("hidden", info.externalData().get(0).tensorName());
    }

    @Test
    void garbageTruncatedAndEmptyFilesAreMalformed(@TempDir Path dir) throws Exception {
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        byte[] tiny = Files.readAllBytes(Fixtures.onnx("tiny_dynamic.onnx"));
        byte[][] cases = {random, Arrays.copyOf(tiny, tiny.length - 7), new byte[0],
            "name,prob\nx,0.5\n".getBytes(StandardCharsets.UTF_8)};
        for (byte[] bytes : cases) {
            Path f = Files.write(dir.resolve("m.onnx"), bytes);
            OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxModelScanner.scan(f));
            assertEquals(OnnxModelException.Kind.MALFORMED, e.kind(), e.getMessage());
        }
    }

    @Test
    void absurdNestingIsRefusedWithoutStackOverflow() throws Exception {
        // graph{node{attribute{g: graph{node{...}}}}} 10,000 deep: hostile, tiny, must not recurse forever.
        byte[] graph = Fixtures.field(12, Fixtures.field(1, "y".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 10_000; i++) {
            graph = Fixtures.field(1, Fixtures.field(5, Fixtures.field(6, graph))); // node.attribute.g
        }
        byte[] model = Fixtures.field(7, graph);
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxModelScanner.scan(ByteBuffer.wrap(model)));
        assertEquals(OnnxModelException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void lengthPastTheEndIsMalformedNotAnOutOfBoundsRead() {
        byte[] model = {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x0a}; // graph, length 2^28-1
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxModelScanner.scan(ByteBuffer.wrap(model)));
        assertTrue(e.getMessage().contains("runs past"), e.getMessage());
    }

    @Test
    void agreesWithOnnxRuntimeOnInputsAndOutputs() throws Exception {
        Path file = Fixtures.onnx("tiny_dynamic.onnx");
        OnnxModelInfo info = OnnxModelScanner.scan(file);
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession session = OnnxEvaluator.ortEnvironment().createSession(file.toString(), so)) {
            NodeInfo in = session.getInputInfo().get("image");
            assertArrayEquals(((TensorInfo) in.getInfo()).getShape(), info.inputs().get(0).dims());
            NodeInfo out = session.getOutputInfo().get("abnormal_prob");
            assertArrayEquals(((TensorInfo) out.getInfo()).getShape(), info.outputs().get(0).dims());
        }
    }
}

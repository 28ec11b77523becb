package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.BodyPart;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Aggregation;

/** A container's output CSV in each of MURA's forms, read against the set's studies. */
class ContainerOutputTest {
    private static final String A = "MURA-v1.1/test/XR_HAND/patient1/study1/";
    private static final String B = "MURA-v1.1/test/XR_WRIST/patient2/study1/";
    private static final List<MuraStudy> SET = List.of(
            new MuraStudy(A, BodyPart.ofPath(A).orElseThrow(), List.of(A + "image1.png", A + "image2.png")),
            new MuraStudy(B, BodyPart.ofPath(B).orElseThrow(), List.of(B + "image1.png")));

    @TempDir
    Path dir;

    private Map<String, Double> read(String csv, Aggregation aggregation) throws Exception {
        return ContainerOutput.read(Files.writeString(dir.resolve("out.csv"), csv), SET, aggregation, false,
                new ContainerSandboxTest.Recorder());
    }

    @Test
    void studyRowsWithProbabilitiesOrLabelsAreTakenAsGiven() throws Exception {
        assertEquals(Map.of(A, 0.25, B, 0.75), read(A + ",0.25\n" + B + ",0.75\n", Aggregation.MEAN));
        assertEquals(Map.of(A, 1.0, B, 0.0), read(A + ",1\n" + B + ",0\n", Aggregation.MEAN));
    }

    @Test
    void imageRowsAreAggregatedAsTheManifestSays() throws Exception {
        String csv = A + "image1.png,0.2\n" + A + "image2.png,0.6\n" + B + "image1.png,0.9\n";
        assertEquals(0.4, read(csv, Aggregation.MEAN).get(A), 1e-12);
        assertEquals(0.6, read(csv, Aggregation.MAX).get(A), 1e-12);
    }

    @Test
    void aDryRunIsToldTheLineAndTheReason() {
        SandboxFailure failure = assertThrows(SandboxFailure.class, () -> read(A + ",0.2\n" + B + ",1.7\n", Aggregation.MEAN));
        assertEquals(FailureClass.INVALID_OUTPUT, failure.failureClass());
        assertEquals("OUTPUT_CSV:2: probability 1.7 is outside [0,1]", failure.getMessage());
    }

    @Test
    void aHiddenRunIsToldNoStudyPathButTheLogHasTheDetail() {
        ContainerSandboxTest.Recorder recorder = new ContainerSandboxTest.Recorder();
        SandboxFailure failure = assertThrows(SandboxFailure.class, () -> ContainerOutput.read(
                Files.writeString(dir.resolve("out.csv"), A + ",0.2\n"), SET, Aggregation.MEAN, true, recorder));
        assertFalse(failure.getMessage().contains("MURA-v1.1"), failure.getMessage());
        assertTrue(recorder.text().contains("no prediction for study " + B), recorder.text());
    }
}

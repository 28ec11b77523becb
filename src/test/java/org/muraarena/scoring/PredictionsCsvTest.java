package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Aggregation;

class PredictionsCsvTest {
    private static final String A = "MURA-v1.1/test/XR_HAND/patient1/study1/";
    private static final String B = "MURA-v1.1/test/XR_WRIST/patient2/study1/";
    private static final PredictionsCsv.Expected SET = new PredictionsCsv.Expected("the set", expected(A, B));

    private static Map<String, String> expected(String... studies) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : studies) {
            m.put(s, null);
        }
        return m;
    }

    @Test
    void writtenImageProbabilitiesReadBackBitForBit() throws Exception {
        // Values whose decimal forms are long: the text must still give the same doubles back.
        Map<String, Double> images = Map.of(A + "image1.png", 0.1 + 0.2, A + "image2.png", 1.0 / 3, B + "image1.png", 4.9e-7);
        PredictionsCsv.Predictions read = PredictionsCsv.parse(PredictionsCsv.write(images), "p.csv", SET);
        assertEquals(PredictionsCsv.Level.IMAGE, read.level());
        assertEquals(images, read.values());
        assertEquals(Map.of(A, 1.0 / 3, B, 4.9e-7), read.studyProbabilities(Aggregation.MAX));
    }

    @Test
    void writtenStudyProbabilitiesReadBackAsStudies() throws Exception {
        Map<String, Double> studies = Map.of(A, 0.25, B, 0.75);
        PredictionsCsv.Predictions read = PredictionsCsv.parse(PredictionsCsv.write(studies), "p.csv", SET);
        assertEquals(PredictionsCsv.Level.STUDY, read.level());
        assertEquals(studies, read.studyProbabilities(Aggregation.MEAN));
    }

    @Test
    void labelsAndStudyPathsWithoutSlashAreStudyRows() throws Exception {
        String csv = A.substring(0, A.length() - 1) + ",1\n" + B + ",0\n";
        assertEquals(Map.of(A, 1.0, B, 0.0), PredictionsCsv.parse(csv, "p.csv", SET).studyProbabilities(Aggregation.MEAN));
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertEquals("p.csv:2: probability 1.5 is outside [0,1]", message(A + ",0.5\n" + B + ",1.5\n"));
        assertEquals("p.csv:2: mixes an image row into study rows; use one form per file", message(A + ",0.5\n" + B + "x.png,0.5\n"));
        assertEquals("p.csv:1: study MURA-v1.1/test/XR_HAND/patient9/study1/ is not in the set",
                message("MURA-v1.1/test/XR_HAND/patient9/study1/,0.5\n"));
        assertEquals("p.csv: no prediction for study " + B, message(A + ",0.5\n"));
        assertEquals("p.csv:2: duplicate study " + A + " (first on line 1)", message(A + ",0.5\n" + A + ",0.5\n"));
        assertEquals("p.csv: file is empty (expected one row per study, no header)", message("\n"));
    }

    @Test
    void withoutExpectedStudiesAnyStudyIsRead() throws Exception {
        assertEquals(Map.of("x/XR_HAND/p/s/", 0.5), PredictionsCsv.parse("x/XR_HAND/p/s,0.5", "p.csv", null).values());
    }

    private static String message(String csv) {
        return assertThrows(BadInputException.class, () -> PredictionsCsv.parse(csv, "p.csv", SET)).getMessage();
    }
}

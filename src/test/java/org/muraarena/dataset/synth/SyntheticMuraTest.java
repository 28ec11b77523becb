package org.muraarena.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.BodyPart;
import org.muraarena.core.DatasetDescriptor;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.TruthFile;

class SyntheticMuraTest {
    @TempDir
    static Path dir;
    static Path first;

    @BeforeAll
    static void generateOnce() throws IOException {
        first = dir.resolve("first");
        SyntheticMura.generate(new SyntheticMura.Options(first, 42, false), line -> { });
    }

    @Test
    void theSameSeedGivesAByteIdenticalTreeAndAnotherSeedDoesNot() throws Exception {
        Path again = dir.resolve("again");
        SyntheticMura.generate(new SyntheticMura.Options(again, 42, false), line -> { });
        assertEquals(treeDigest(first), treeDigest(again));
        Path other = dir.resolve("other");
        SyntheticMura.generate(new SyntheticMura.Options(other, 43, false), line -> { });
        assertNotEquals(treeDigest(first), treeDigest(other));
    }

    @Test
    void hiddenSetIsShapedLikeTheMuraTestSet() throws IOException {
        List<MuraStudy> studies = new MuraTree(first).studies("test");
        assertEquals(207, studies.size());
        assertEquals(556, studies.stream().mapToInt(s -> s.images().size()).sum());
        Map<BodyPart, Long> perType = studies.stream().collect(
                java.util.stream.Collectors.groupingBy(MuraStudy::part, java.util.stream.Collectors.counting()));
        assertEquals(41L, perType.get(BodyPart.XR_WRIST));
        assertEquals(30L, perType.get(BodyPart.XR_FINGER));
        List<MuraStudy> sample = new MuraTree(first).studies("sample");
        assertTrue(sample.size() >= 20 && sample.size() <= 40, "sample studies: " + sample.size());
    }

    @Test
    void everyImageDecodesAsAGrayscaleRadiographOfPlausibleSize() throws IOException {
        for (String set : List.of("test", "sample")) {
            for (MuraStudy study : new MuraTree(first).studies(set)) {
                for (String image : study.images()) {
                    BufferedImage img = ImageIO.read(first.resolve(image).toFile());
                    assertNotNull(img, image);
                    assertTrue(img.getWidth() >= 80 && img.getWidth() <= 512 && img.getHeight() >= 80
                            && img.getHeight() <= 512, image + " is " + img.getWidth() + "x" + img.getHeight());
                }
            }
        }
    }

    @Test
    void noHiddenPathRevealsALabelAndTheLabelsLieOutsideTheImageTree() throws IOException {
        try (Stream<Path> all = Files.walk(first.resolve("MURA-v1.1/test"))) {
            all.forEach(p -> {
                String name = p.toString().toLowerCase();
                assertFalse(name.contains("positive") || name.contains("negative") || name.contains("label"), p.toString());
            });
        }
        String hiddenCsv = Files.readString(first.resolve("MURA-v1.1/test_image_paths.csv"));
        assertFalse(hiddenCsv.contains("positive") || hiddenCsv.contains("negative"));
        try (Stream<Path> tree = Files.walk(first.resolve("MURA-v1.1"))) {
            assertTrue(tree.noneMatch(p -> p.getFileName().toString().startsWith("test_labeled")
                    || p.getFileName().toString().startsWith("test_readers")));
        }
        assertTrue(Files.exists(first.resolve("labels/test_readers.csv")));
        assertTrue(Files.exists(first.resolve("labels/test_labeled_studies.csv")));
        assertEquals(new DatasetDescriptor("synthetic MURA-v1.1 (seed 42)", "test"), DatasetDescriptor.read(first).orElseThrow(),
                "the server reads the hidden set's name from the data");
    }

    @Test
    void simulatedReadersAgreeWithGoldRoughlyAsThePapersRadiologists() throws Exception {
        TruthFile.Contents truth = TruthFile.read(first.resolve("labels/test_readers.csv"));
        assertEquals(207, truth.truth().size());
        Map<String, Double> goldAsPredictions = new java.util.HashMap<>();
        truth.truth().forEach((study, t) -> goldAsPredictions.put(study, (double) t.gold()));
        ScoreReport report = new Scorer(new AurocBootstrap(10, 1)).score(truth.truth(), goldAsPredictions);
        assertEquals(3, report.references().size());
        for (ScoreReport.ReaderScore reader : report.references()) {
            double overall = reader.overall().kappa();
            assertTrue(overall > 0.55 && overall < 0.95, reader.reader() + " overall kappa " + overall);
        }
    }

    @Test
    void refusesAnOutputFolderThatIsNotEmptyAndLeavesItAlone() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticMura.generate(new SyntheticMura.Options(taken, 1, false), line -> { }));
        try (Stream<Path> left = Files.list(taken)) {
            assertEquals(List.of(taken.resolve("keep.txt")), left.toList());
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".partial-")));
        }
    }

    private static String treeDigest(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(root.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

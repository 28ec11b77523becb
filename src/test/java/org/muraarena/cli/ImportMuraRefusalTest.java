package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.muraarena.testing.FakeMuraDownload;

/**
 * Every bad input of {@code import-mura} is refused with exit 2 and one line naming the file and
 * line, and nothing is written: not the output folder, not its parent, no partial folder.
 */
class ImportMuraRefusalTest {
    private static final String VALID_LABELS = "MURA-v1.1/valid_labeled_studies.csv";
    private static final String VALID_IMAGES = "MURA-v1.1/valid_image_paths.csv";
    private static final String TRAIN_LABELS = "MURA-v1.1/train_labeled_studies.csv";

    @TempDir
    static Path shared;
    static Path pristine;

    @TempDir
    Path dir;

    @BeforeAll
    static void download() throws IOException {
        pristine = FakeMuraDownload.write(shared.resolve("download"), 12, 6, 3);
    }

    /** A way to spoil a copy of the download; returns extra arguments of the command. */
    interface Spoil {
        List<String> apply(Path download) throws IOException;
    }

    record Case(String name, Spoil spoil, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a missing image", d -> {
                    Files.delete(d.resolve(line(d, VALID_IMAGES, 5)));
                    return List.of();
                }, "valid_image_paths.csv:5: the image MURA-v1.1/valid/XR_ELBOW/"),
                new Case("a study without images", d -> {
                    String study = field(line(d, VALID_LABELS, 3));
                    FakeMuraDownload.edit(d.resolve(VALID_IMAGES), l -> l.stream().filter(i -> !i.startsWith(study)).toList());
                    return List.of();
                }, "valid_labeled_studies.csv:3: the study MURA-v1.1/valid/XR_ELBOW/"),
                new Case("a label other than 0 or 1", d -> set(d, VALID_LABELS, 4, field(line(d, VALID_LABELS, 4)) + ",2"),
                        "valid_labeled_studies.csv:4: label '2' is not 0 or 1"),
                new Case("a header line", d -> {
                    FakeMuraDownload.edit(d.resolve(TRAIN_LABELS), l -> concat(List.of("path,label"), l));
                    return List.of();
                }, "train_labeled_studies.csv:1: label 'label' is not 0 or 1 (the file must have no header)"),
                new Case("an unknown body part", d -> set(d, VALID_LABELS, 2, line(d, VALID_LABELS, 2).replace("XR_ELBOW", "XR_KNEE")),
                        "valid_labeled_studies.csv:2: unknown body part XR_KNEE"),
                new Case("a duplicate study", d -> {
                    FakeMuraDownload.edit(d.resolve(VALID_LABELS), l -> concat(l, List.of(l.get(1))));
                    return List.of();
                }, "valid_labeled_studies.csv:43: duplicate study MURA-v1.1/valid/XR_ELBOW/patient11186/study1_positive/ (first on line 2)"),
                new Case("a duplicate image", d -> {
                    FakeMuraDownload.edit(d.resolve(VALID_IMAGES), l -> concat(l, List.of(l.get(0))));
                    return List.of();
                }, "valid_image_paths.csv:85: duplicate image MURA-v1.1/valid/XR_ELBOW/patient11185/study1_positive/image1.png (first on line 1)"),
                new Case("a file that is not .png", d -> {
                    String image = line(d, VALID_IMAGES, 6);
                    Files.move(d.resolve(image), d.resolve(image.replace(".png", ".jpg")));
                    return set(d, VALID_IMAGES, 6, image.replace(".png", ".jpg"));
                }, "valid_image_paths.csv:6: 'MURA-v1.1/valid/XR_ELBOW/"),
                new Case("a .png that holds no PNG", d -> {
                    Files.write(d.resolve(line(d, VALID_IMAGES, 7)), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'});
                    return List.of();
                }, "valid_image_paths.csv:7: the image MURA-v1.1/valid/XR_ELBOW/"),
                new Case("a study folder that does not exist", d -> set(d, VALID_LABELS, 5,
                        line(d, VALID_LABELS, 5).replaceAll("patient\\d+", "patient99999")),
                        "valid_labeled_studies.csv:5: the study folder MURA-v1.1/valid/XR_ELBOW/patient99999/"),
                new Case("an image of a study without a label", d -> {
                    FakeMuraDownload.edit(d.resolve(TRAIN_LABELS), l -> l.subList(1, l.size()));
                    return List.of();
                }, "train_image_paths.csv:1: the study MURA-v1.1/train/XR_ELBOW/patient00001/study1_positive/ of this image has no label"),
                new Case("a label that contradicts its folder", d -> set(d, VALID_LABELS, 1, field(line(d, VALID_LABELS, 1)) + ",0"),
                        "valid_labeled_studies.csv:1: label 0 contradicts the folder name study1_positive"),
                new Case("readers of a study outside the hidden set", d -> {
                    Path readers = FakeMuraDownload.writeReaders(d, d.resolve("readers.csv"));
                    String train = field(line(d, TRAIN_LABELS, 1));
                    FakeMuraDownload.edit(readers, l -> concat(l, List.of(train + ",1,1,1,1,1,1")));
                    return List.of("--readers", readers.toString());
                }, "readers.csv:43: the study MURA-v1.1/train/XR_ELBOW/patient00001/study1_positive/ is not in the hidden set"),
                new Case("a hidden study without readers", d -> {
                    Path readers = FakeMuraDownload.writeReaders(d, d.resolve("readers.csv"));
                    FakeMuraDownload.edit(readers, l -> l.subList(0, 41));
                    return List.of("--readers", readers.toString());
                }, "valid_labeled_studies.csv:42: the hidden study MURA-v1.1/valid/XR_WRIST/"),
                new Case("a readers file with one label per study", d -> List.of("--readers", d.resolve(VALID_LABELS).toString()),
                        "valid_labeled_studies.csv:1: one label per study is not a readers file"),
                new Case("a reader's label other than 0 or 1", d -> {
                    Path readers = FakeMuraDownload.writeReaders(d, d.resolve("readers.csv"));
                    FakeMuraDownload.edit(readers, l -> concat(List.of(l.get(0).replaceAll(",[01]$", ",3")), l.subList(1, l.size())));
                    return List.of("--readers", readers.toString());
                }, "readers.csv:1: reader 6 label '3' is not 0 or 1"),
                new Case("more sample studies than train holds", d -> List.of("--sample-per-type", "13"),
                        "--sample-per-type 13: train has only 12 XR_ELBOW studies"),
                new Case("an unknown hidden phase", d -> List.of("--hidden", "test"), "--hidden must be one of [train, valid]"),
                new Case("a folder without the download", d -> List.of("--from", d.resolve("MURA-v1.1/valid").toString()),
                        "holds no MURA-v1.1 folder"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithExitTwoNamingFileAndLineAndNothingIsWritten(Case c) throws Exception {
        Path download = FakeMuraDownload.copy(pristine, dir.resolve("download"));
        List<String> args = new ArrayList<>(List.of("--out", dir.resolve("new-parent/arena-data").toString()));
        List<String> extra = c.spoil().apply(download);
        if (!extra.contains("--from")) {
            args.addAll(List.of("--from", download.toString()));
        }
        args.addAll(extra);
        ImportMuraCommandTest.Run run = ImportMuraCommandTest.importMura(args.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out());
        String refusal = run.err().lines().filter(l -> !l.startsWith("import-mura: checking")).reduce("", String::concat);
        assertEquals(1, run.err().lines().filter(l -> !l.startsWith("import-mura: checking")).count(), run.err());
        assertTrue(refusal.startsWith("import-mura: "), refusal);
        assertTrue(refusal.contains(c.expected()), refusal);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(download), left.toList(), "nothing written beside the download");
        }
        assertFalse(Files.exists(dir.resolve("new-parent")));
    }

    @org.junit.jupiter.api.Test
    void anExistingOutputFolderIsRefusedAndLeftAlone() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        ImportMuraCommandTest.Run run = ImportMuraCommandTest.importMura("--from", pristine.toString(), "--out", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("already exists; --out must name a new folder"), run.err());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), left.toList());
        }
    }

    private static String line(Path d, String csv, int number) throws IOException {
        return Files.readAllLines(d.resolve(csv)).get(number - 1);
    }

    private static String field(String line) {
        return line.split(",")[0];
    }

    private static List<String> set(Path d, String csv, int number, String text) {
        FakeMuraDownload.edit(d.resolve(csv), l -> {
            l.set(number - 1, text);
            return l;
        });
        return List.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

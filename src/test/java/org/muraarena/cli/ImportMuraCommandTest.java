package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.BodyPart;
import org.muraarena.core.DatasetDescriptor;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.scoring.TruthFile;
import org.muraarena.testing.FakeMuraDownload;

/**
 * {@code import-mura} on a small tree in the download's exact layout (252 PNGs: 12 train and 6 valid
 * studies per type), through the command as a user runs it. The refusals are in {@link ImportMuraRefusalTest}.
 */
class ImportMuraCommandTest {
    private static final Pattern PATIENT_NUMBER = Pattern.compile("\\d{5}");

    @TempDir
    static Path shared;
    static Path download;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void download() throws IOException {
        download = FakeMuraDownload.write(shared.resolve("download"), 12, 6, 3);
    }

    static Run importMura(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run("import-mura", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsTheHiddenSetUnderOpaqueNamesWithItsLabelsOutsideAndReportsCountsPerBodyPart() throws Exception {
        Path out = dir.resolve("arena-data");
        Run run = importMura("--from", download.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        for (BodyPart part : BodyPart.values()) {
            assertTrue(run.out().contains(row("train", part.name(), 12, 6, 24)), run.out());
            assertTrue(run.out().contains(row("valid", part.name(), 6, 3, 12)), run.out());
            assertTrue(Pattern.compile("sample\\s+" + part + "\\s+4\\s+2\\s+\\d+").matcher(run.out()).find(), run.out());
        }
        assertTrue(run.out().contains(row("valid", "all", 42, 21, 84)), run.out());
        assertTrue(Pattern.compile("import-mura: (\\d+)/\\1 files \\(100%\\)").matcher(run.err()).find(), run.err());
        assertEquals(new DatasetDescriptor("MURA-v1.1 valid", "valid"), DatasetDescriptor.read(out).orElseThrow());

        // Nothing the sandbox sees names a label or a patient of the download, in paths or in file contents.
        Path seen = out.resolve("MURA-v1.1");
        try (Stream<Path> all = Files.walk(seen)) {
            for (Path p : all.toList()) {
                String text = seen.relativize(p) + (p.toString().endsWith(".csv") ? "\n" + Files.readString(p) : "");
                for (String word : List.of("positive", "negative", "patient", "valid_labeled", "mapping")) {
                    assertFalse(text.contains(word), word + " in " + p);
                }
                assertFalse(PATIENT_NUMBER.matcher(text).find(), "a five-digit patient number in " + p);
            }
        }
        List<MuraStudy> hidden = new MuraTree(out).studies("valid");
        assertEquals(42, hidden.size());
        assertEquals(84, hidden.stream().mapToInt(s -> s.images().size()).sum());

        // The organizer's files: each hidden study's label is the download's, its images the download's bytes.
        Map<String, String> mapping = mapping(out);
        TruthFile.Contents labels = TruthFile.read(out.resolve("labels/valid_labeled_studies.csv"));
        assertEquals(42, labels.truth().size());
        for (MuraStudy study : hidden) {
            String original = mapping.get(study.path());
            assertTrue(original.startsWith("MURA-v1.1/valid/" + study.part() + "/patient"), original);
            assertEquals(original.contains("_positive") ? 1 : 0, labels.truth().get(study.path()).gold(), original);
            for (int k = 1; k <= study.images().size(); k++) {
                assertArrayEquals(Files.readAllBytes(download.resolve(original + "image" + k + ".png")),
                        Files.readAllBytes(out.resolve(study.path() + "image" + k + ".png")));
                assertFalse(Files.isSameFile(download.resolve(original + "image" + k + ".png"), out.resolve(study.path() + "image" + k + ".png")));
            }
        }

        // The sample's labels are public, beside its images, and are the download's.
        TruthFile.Contents sample = TruthFile.read(seen.resolve("sample_labeled_studies.csv"));
        assertEquals(28, sample.truth().size());
        assertEquals(28, new MuraTree(out).studies("sample").size());
        sample.truth().forEach((study, truth) -> {
            assertTrue(mapping.get(study).startsWith("MURA-v1.1/train/"), study);
            assertEquals(mapping.get(study).contains("_positive") ? 1 : 0, truth.gold(), study);
        });
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no partial folder left beside --out");
        }
    }

    @Test
    void theSameSeedDrawsTheSameSampleUnderTheSameNamesWhileHiddenNamesAreNeverTheSame() throws Exception {
        Path first = dir.resolve("first");
        Path again = dir.resolve("again");
        Path other = dir.resolve("other");
        assertEquals(0, importMura("--from", download.toString(), "--out", first.toString(), "--seed", "7").status());
        assertEquals(0, importMura("--from", download.toString(), "--out", again.toString(), "--seed", "7", "--link").status());
        assertEquals(0, importMura("--from", download.resolve("MURA-v1.1").toString(), "--out", other.toString(),
                "--seed", "8", "--sample-per-type", "3").status());
        for (String file : List.of("sample_labeled_studies.csv", "sample_image_paths.csv")) {
            assertEquals(Files.readString(first.resolve("MURA-v1.1/" + file)), Files.readString(again.resolve("MURA-v1.1/" + file)));
        }
        assertEquals(originals(first, "sample"), originals(again, "sample"));
        assertNotEquals(originals(first, "sample"), originals(other, "sample"));
        assertEquals(21, originals(other, "sample").size());
        assertEquals(originals(first, "valid"), originals(again, "valid"), "the whole valid set is hidden");
        assertNotEquals(Files.readString(first.resolve("MURA-v1.1/valid_image_paths.csv")),
                Files.readString(again.resolve("MURA-v1.1/valid_image_paths.csv")), "hidden names are drawn afresh");

        // --link: the hidden images are the download's files, linked, not copied.
        MuraStudy linked = new MuraTree(again).studies("valid").get(0);
        String original = mapping(again).get(linked.path());
        assertTrue(Files.isSameFile(download.resolve(original + "image1.png"), again.resolve(linked.images().get(0))));
    }

    @Test
    void readersGiveTheMajorityAsTheHiddenTruthAndThreeReferenceReaders() throws Exception {
        Path readers = FakeMuraDownload.writeReaders(download, dir.resolve("readers.csv"));
        Path out = dir.resolve("with-readers");
        Run run = importMura("--from", download.toString(), "--out", out.toString(), "--readers", readers.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("the readers' majority differs from the download's label on 1 hidden studies"), run.out());
        TruthFile.Contents truth = TruthFile.read(out.resolve("labels/valid_readers.csv"));
        TruthFile.Contents gold = TruthFile.read(out.resolve("labels/valid_labeled_studies.csv"));
        assertEquals(42, truth.truth().size());
        truth.truth().forEach((study, t) -> {
            assertEquals(3, t.references().length, study);
            assertEquals(gold.truth().get(study).gold(), t.gold(), study);
        });
        String first = Files.readAllLines(download.resolve("MURA-v1.1/valid_labeled_studies.csv")).get(0).split(",")[0];
        Map<String, String> mapping = mapping(out);
        String renamed = mapping.entrySet().stream().filter(e -> e.getValue().equals(first)).findFirst().orElseThrow().getKey();
        assertEquals(first.contains("_positive") ? 0 : 1, gold.truth().get(renamed).gold(), "the readers' majority, not the download's label");
    }

    private static String row(String set, String type, int studies, int abnormal, int images) {
        return String.format("%-8s %-12s %8d %9d %8d", set, type, studies, abnormal, images);
    }

    /** labels/mapping.csv: new study folder to the download's. */
    static Map<String, String> mapping(Path out) throws IOException {
        Map<String, String> mapping = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("labels/mapping.csv"))) {
            String[] f = line.split(",");
            assertEquals(null, mapping.put(f[0], f[1]), line);
        }
        return mapping;
    }

    /** The download's study folders that make up a set of the output, sorted. */
    private static List<String> originals(Path out, String set) throws IOException {
        List<String> originals = new ArrayList<>();
        mapping(out).forEach((study, original) -> {
            if (study.startsWith("MURA-v1.1/" + set + "/")) {
                originals.add(original);
            }
        });
        originals.sort(null);
        return originals;
    }
}

package org.muraarena.dataset.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.muraarena.core.BodyPart;
import org.muraarena.core.DatasetDescriptor;
import org.muraarena.core.FileTrees;
import org.muraarena.core.Refusal;

/**
 * {@code import-mura}: builds the competition's layout from the MURA-v1.1 download.
 * <pre>
 * OUT/MURA-v1.1/sample/XR_*&#47;pNAME/sNAME/imageK.png   public sample drawn from train (--sample-per-type, --seed)
 * OUT/MURA-v1.1/sample_image_paths.csv, sample_labeled_studies.csv
 * OUT/MURA-v1.1/valid/XR_*&#47;pNAME/sNAME/imageK.png    the hidden set (--hidden), opaque names, no label
 * OUT/MURA-v1.1/valid_image_paths.csv
 * OUT/labels/valid_labeled_studies.csv             study,label (with --readers: the majority)
 * OUT/labels/valid_readers.csv                     with --readers: study,readers... as given
 * OUT/labels/mapping.csv                           study,original_study of both sets (the organizer's)
 * OUT/dataset.properties                           name and hidden set, for the server
 * </pre>
 * Everything is checked before anything is written; the tree is built in a sibling folder and
 * renamed into place at the end, so OUT is complete or absent. Hidden names come from a secure
 * random source (nothing can re-derive them); the sample's from the seed, so it is reproducible.
 */
public final class MuraImporter {
    private static final List<String> PHASES = List.of("train", "valid");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** What to import; {@code link} hard-links the images instead of copying them. */
    public record Request(Path from, Path out, String hidden, int samplePerType, long seed, Optional<Path> readers,
                          boolean link) {
    }

    /** Studies (of which abnormal) and images of one body part in one set. */
    public record Counts(int studies, int abnormal, int images) {
    }

    /**
     * What was imported: counts per body part of the download's phases and of the sample, the files
     * placed, how long placing them took, and how many hidden studies' reader majority differs from
     * the download's label (0 without --readers).
     */
    public record Report(Map<String, Map<BodyPart, Counts>> sets, Path out, int files, double seconds, int readerChanges) {
    }

    private record Placed(String set, MuraDownload.Study study, String path, int label) {
    }

    private MuraImporter() {
    }

    /**
     * Imports, or refuses with {@link Refusal.InvalidInput} naming the file and line, having created nothing.
     * {@code progress} gets a line now and then while the files are placed.
     */
    public static Report run(Request request, Consumer<String> progress) throws IOException {
        Path from = request.from().toAbsolutePath().normalize();
        if (!Files.isDirectory(from.resolve("MURA-v1.1")) && from.getFileName() != null
                && from.getFileName().toString().equals("MURA-v1.1")) {
            from = from.getParent();
        }
        Path out = request.out().toAbsolutePath().normalize();
        if (!PHASES.contains(request.hidden())) {
            throw new Refusal.InvalidInput("--hidden must be one of " + PHASES + ", got '" + request.hidden() + "'");
        }
        if (request.samplePerType() < 1) {
            throw new Refusal.InvalidInput("--sample-per-type must be at least 1");
        }
        if (Files.exists(out)) {
            throw new Refusal.InvalidInput(out + " already exists; --out must name a new folder");
        }
        if (!Files.isDirectory(from.resolve("MURA-v1.1"))) {
            throw new Refusal.InvalidInput(from + " holds no MURA-v1.1 folder (--from names the folder holding the download)");
        }
        String samplePhase = PHASES.get(1 - PHASES.indexOf(request.hidden()));
        progress.accept("import-mura: checking " + from.resolve("MURA-v1.1"));
        List<MuraDownload.Study> hidden = MuraDownload.read(from, request.hidden());
        List<MuraDownload.Study> source = MuraDownload.read(from, samplePhase);
        String hiddenLabels = MuraDownload.name(from, "MURA-v1.1/" + request.hidden() + "_labeled_studies.csv");
        Map<String, ReadersFile.Readers> readers = request.readers().isPresent()
                ? ReadersFile.read(request.readers().get(), hidden, hiddenLabels) : Map.of();
        List<MuraDownload.Study> sample = SampleDraw.draw(source, samplePhase, request.samplePerType(), request.seed());

        List<Placed> placed = new ArrayList<>();
        place(placed, DatasetDescriptor.SAMPLE_SET, sample, new OpaqueNames(new Random(request.seed())), Map.of());
        place(placed, request.hidden(), hidden, new OpaqueNames(new SecureRandom()), readers);
        checkPngs(from, placed);

        Map<String, Map<BodyPart, Counts>> counts = new LinkedHashMap<>();
        counts.put(PHASES.get(0), counts(PHASES.get(0).equals(request.hidden()) ? hidden : source));
        counts.put(PHASES.get(1), counts(PHASES.get(1).equals(request.hidden()) ? hidden : source));
        counts.put(DatasetDescriptor.SAMPLE_SET, counts(sample));
        int changes = (int) placed.stream().filter(p -> p.label() != p.study().label()).count();

        Files.createDirectories(out.getParent());
        Path work = Files.createTempDirectory(out.getParent(), out.getFileName() + ".partial-");
        try {
            long start = System.nanoTime();
            int files = placeFiles(from, work, placed, request.link(), progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            writeCsvs(work, placed, request.hidden(), readers);
            new DatasetDescriptor("MURA-v1.1 " + request.hidden(), request.hidden()).write(work);
            Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
            return new Report(counts, out, files, seconds, changes);
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    /** Gives each study its new folder: one opaque patient per download patient, one opaque study folder each. */
    private static void place(List<Placed> placed, String set, List<MuraDownload.Study> studies, OpaqueNames names,
                              Map<String, ReadersFile.Readers> readers) {
        Map<String, String> patients = new HashMap<>();
        for (MuraDownload.Study study : studies) {
            String patient = patients.computeIfAbsent(study.patient(), p -> names.next('p', 9));
            String path = "MURA-v1.1/" + set + "/" + study.part() + "/" + patient + "/" + names.next('s', 7) + "/";
            ReadersFile.Readers read = readers.get(study.path());
            placed.add(new Placed(set, study, path, read == null ? study.label() : read.gold()));
        }
    }

    /** Every image to be placed starts with the PNG signature; refused with its line otherwise. */
    private static void checkPngs(Path from, List<Placed> placed) throws IOException {
        for (Placed p : placed) {
            for (MuraDownload.Image image : p.study().images()) {
                byte[] head;
                try (InputStream in = Files.newInputStream(from.resolve(image.path()))) {
                    head = in.readNBytes(PNG.length);
                }
                if (!Arrays.equals(head, PNG)) {
                    throw MuraDownload.Line.refused(MuraDownload.name(from, "MURA-v1.1/"
                            + p.study().path().split("/")[1] + "_image_paths.csv"), image.line(),
                            "the image " + image.path() + " is not a PNG file (no PNG signature)");
                }
            }
        }
    }

    private static int placeFiles(Path from, Path work, List<Placed> placed, boolean link, Consumer<String> progress)
            throws IOException {
        int total = placed.stream().mapToInt(p -> p.study().images().size()).sum();
        progress.accept("import-mura: " + (link ? "linking " : "copying ") + total + " images");
        CopyProgress copied = new CopyProgress(total, progress);
        int done = 0;
        for (Placed p : placed) {
            Path folder = Files.createDirectories(work.resolve(p.path()));
            for (int k = 0; k < p.study().images().size(); k++) {
                Path source = from.resolve(p.study().images().get(k).path());
                Path target = folder.resolve("image" + (k + 1) + ".png");
                if (link) {
                    try {
                        Files.createLink(target, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        throw new IOException("cannot hard-link " + source + " (--link needs --out on the same file system as --from): " + e, e);
                    }
                } else {
                    Files.copy(source, target);
                }
                copied.done(++done);
            }
        }
        return done;
    }

    private static void writeCsvs(Path work, List<Placed> placed, String hiddenSet, Map<String, ReadersFile.Readers> readers)
            throws IOException {
        List<Placed> sorted = placed.stream().sorted(Comparator.comparing(Placed::path)).toList();
        for (String set : List.of(DatasetDescriptor.SAMPLE_SET, hiddenSet)) {
            List<Placed> own = sorted.stream().filter(p -> p.set().equals(set)).toList();
            List<String> images = new ArrayList<>();
            own.forEach(p -> {
                for (int k = 1; k <= p.study().images().size(); k++) {
                    images.add(p.path() + "image" + k + ".png");
                }
            });
            writeLines(work.resolve("MURA-v1.1/" + set + "_image_paths.csv"), images);
            Path labels = work.resolve(set.equals(hiddenSet) ? "labels" : "MURA-v1.1").resolve(set + "_labeled_studies.csv");
            writeLines(labels, own.stream().map(p -> p.path() + "," + p.label()).toList());
        }
        if (!readers.isEmpty()) {
            writeLines(work.resolve("labels/" + hiddenSet + "_readers.csv"), sorted.stream().filter(p -> p.set().equals(hiddenSet))
                    .map(p -> p.path() + "," + readers.get(p.study().path()).columns()).toList());
        }
        writeLines(work.resolve("labels/mapping.csv"), sorted.stream().map(p -> p.path() + "," + p.study().path()).toList());
    }

    private static Map<BodyPart, Counts> counts(List<MuraDownload.Study> studies) {
        Map<BodyPart, Counts> counts = new EnumMap<>(BodyPart.class);
        for (BodyPart part : BodyPart.values()) {
            List<MuraDownload.Study> own = studies.stream().filter(s -> s.part() == part).toList();
            counts.put(part, new Counts(own.size(), (int) own.stream().filter(s -> s.label() == 1).count(),
                    own.stream().mapToInt(s -> s.images().size()).sum()));
        }
        return counts;
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines.stream().map(l -> l + "\n").collect(Collectors.joining()), StandardCharsets.UTF_8);
    }
}

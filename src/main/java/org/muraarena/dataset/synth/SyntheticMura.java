package org.muraarena.dataset.synth;

import org.muraarena.core.DatasetDescriptor;
import org.muraarena.core.FileTrees;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.muraarena.core.BodyPart;

/**
 * Writes a deterministic synthetic stand-in for MURA-v1.1 (the real data is licence-bound):
 * <pre>
 * OUT/MURA-v1.1/sample/...            public dry-run set, study folders with _positive/_negative
 * OUT/MURA-v1.1/sample_image_paths.csv, sample_labeled_studies.csv
 * OUT/MURA-v1.1/test/...              hidden set like MURA's test set: 207 studies, 556 images, folders studyN
 * OUT/MURA-v1.1/test_image_paths.csv
 * OUT/MURA-v1.1/valid/...             optional, like MURA's validation set: 1,199 studies, 3,197 images
 * OUT/labels/test_readers.csv         study,g1,g2,g3,r1,r2,r3 (gold = majority of g1–g3; r1–r3 reference radiologists)
 * OUT/labels/test_labeled_studies.csv study,label (the gold majority)
 * OUT/dataset.properties              the data's name and its hidden set, test
 * </pre>
 * Hidden labels live outside the image tree, so a sandbox given {@code MURA-v1.1} never sees them.
 * The tree is built in a sibling folder and moved into place at the end: OUT is complete or absent.
 */
public final class SyntheticMura {
    /** MURA's test set: 207 studies, about 556 images. */
    static final int TEST_IMAGES = 556;

    private SyntheticMura() {
    }

    /** What to write: where, from which seed, and whether to add the large {@code valid} set. */
    public record Options(Path out, long seed, boolean withValid) {
    }

    /** Studies and images written per set, in the order written. */
    public record Summary(List<String> sets, List<Integer> studies, List<Integer> images) {
    }

    public static Summary generate(Options options, Consumer<String> progress) throws IOException {
        Path out = options.out().toAbsolutePath().normalize();
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw new IllegalArgumentException(out + " already exists and is not an empty folder; choose a new --out");
        }
        Path parent = out.getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, out.getFileName() + ".partial-");
        try {
            List<String> sets = new ArrayList<>();
            List<Integer> studies = new ArrayList<>();
            List<Integer> images = new ArrayList<>();
            for (SetSpec spec : specs(options)) {
                List<StudyPlan> plan = new SetPlanner(options.seed() * 31 + spec.name().hashCode())
                        .plan(spec.name(), spec.hidden(), spec.firstPatient(), spec.counts());
                int written = write(work, spec, plan, progress);
                sets.add(spec.name());
                studies.add(plan.size());
                images.add(written);
            }
            new DatasetDescriptor("synthetic MURA-v1.1 (seed " + options.seed() + ")", "test").write(work);
            Files.deleteIfExists(out);
            Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(sets, studies, images);
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private record SetSpec(String name, boolean hidden, int firstPatient, List<SetPlanner.TypeCounts> counts) {
    }

    private static List<SetSpec> specs(Options options) {
        List<SetPlanner.TypeCounts> sample = new ArrayList<>();
        List<SetPlanner.TypeCounts> test = new ArrayList<>();
        List<SetPlanner.TypeCounts> valid = new ArrayList<>();
        BodyPart[] parts = BodyPart.values();
        double[] testImageWeights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            MuraTables.TypeRow row = MuraTables.ROWS.get(parts[i]);
            testImageWeights[i] = row.testStudies() * row.imagesPerStudy();
        }
        int[] testImages = SetPlanner.apportion(TEST_IMAGES, testImageWeights);
        for (int i = 0; i < parts.length; i++) {
            MuraTables.TypeRow row = MuraTables.ROWS.get(parts[i]);
            int abnormal = (int) Math.round(row.testStudies() * row.abnormalShare());
            test.add(new SetPlanner.TypeCounts(parts[i], row.testStudies() - abnormal, abnormal, testImages[i]));
            int perClass = MuraTables.SAMPLE_PER_CLASS;
            sample.add(new SetPlanner.TypeCounts(parts[i], perClass, perClass,
                    (int) Math.round(2 * perClass * row.imagesPerStudy())));
            valid.add(new SetPlanner.TypeCounts(parts[i], row.validNormal(), row.validAbnormal(), row.validImages()));
        }
        List<SetSpec> specs = new ArrayList<>(List.of(
                new SetSpec("sample", false, 1, sample),
                new SetSpec("test", true, 13001, test)));
        if (options.withValid()) {
            specs.add(new SetSpec("valid", false, 11185, valid));
        }
        return specs;
    }

    private static int write(Path root, SetSpec spec, List<StudyPlan> plan, Consumer<String> progress) throws IOException {
        List<String> imagePaths = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        for (StudyPlan study : plan) {
            Files.createDirectories(root.resolve(study.path()));
            for (int v = 0; v < study.images(); v++) {
                String imagePath = study.imagePath(v);
                imagePaths.add(imagePath);
                Finding finding = study.views().get(v);
                long seed = study.viewSeeds()[v];
                tasks.add(() -> writePng(RadiographPainter.paint(study.part(), finding, seed), root.resolve(imagePath)));
            }
        }
        runAll(tasks, spec.name(), progress);

        List<StudyPlan> byPath = plan.stream().sorted(Comparator.comparing(StudyPlan::path)).toList();
        imagePaths.sort(null);
        writeLines(root.resolve("MURA-v1.1/" + spec.name() + "_image_paths.csv"), imagePaths);
        List<String> labeled = byPath.stream().map(s -> s.path() + "," + s.gold()).toList();
        if (spec.hidden()) {
            writeLines(root.resolve("labels/" + spec.name() + "_labeled_studies.csv"), labeled);
            writeLines(root.resolve("labels/" + spec.name() + "_readers.csv"), byPath.stream().map(s -> {
                StringBuilder line = new StringBuilder(s.path());
                for (int label : s.readers()) {
                    line.append(',').append(label);
                }
                return line.toString();
            }).toList());
        } else {
            // Public sets carry their latent truth, as MURA's public labels are taken as given.
            writeLines(root.resolve("MURA-v1.1/" + spec.name() + "_labeled_studies.csv"),
                    byPath.stream().map(s -> s.path() + "," + (s.abnormal() ? 1 : 0)).toList());
        }
        return imagePaths.size();
    }

    /** Paints on all cores; each image depends only on its own seed, so order does not matter. */
    private static void runAll(List<Runnable> tasks, String set, Consumer<String> progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, tasks.size() / 10);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    task.run();
                    int n = done.incrementAndGet();
                    if (n % step == 0 || n == tasks.size()) {
                        progress.accept(set + ": " + n + "/" + tasks.size() + " images");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writePng(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        // "\n" on every platform, so that the same seed gives the same bytes everywhere.
        Files.writeString(file, lines.stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining()),
                StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

}

package org.muraarena.dataset;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.DatasetDescriptor;
import org.muraarena.core.Hashing;
import org.muraarena.core.Phase;
import org.muraarena.dataset.synth.SyntheticMura;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.TruthFile;

/**
 * The competition's data: a folder holding {@code MURA-v1.1/} (what submissions may see),
 * {@code labels/} (hidden labels, never shown to a submission) and {@code dataset.properties} (the
 * data's name and hidden set). By default the synthetic set is generated there on first use; an
 * organizer points {@code arena.dataset-dir} at real data (see {@code import-mura}).
 */
@ApplicationScoped
public class DatasetService {
    private static final String LABELED = "_labeled_studies.csv";

    private final Path root;
    private final long seed;
    private final boolean configured;
    private final Consumer<String> progress;
    private volatile DatasetDescriptor descriptor;
    private volatile CachedSummary summary;

    @Inject
    public DatasetService(ArenaConfig config) {
        this(defaultRoot(config), config.datasetSeed(), config.datasetDir().isEmpty(), Log::info);
    }

    /**
     * The data at {@code root}; when {@code generate}, the synthetic set of {@code seed} is generated
     * there on first use (into a missing or empty folder), its progress told to {@code progress}.
     */
    public DatasetService(Path root, long seed, boolean generate, Consumer<String> progress) {
        this.root = root.toAbsolutePath();
        this.seed = seed;
        this.configured = !generate;
        this.progress = progress;
    }

    /** {@code arena.dataset-dir}, else {@code <data-dir>/mura}: where the server's data is. */
    public static Path defaultRoot(ArenaConfig config) {
        return Path.of(config.datasetDir().orElse(Path.of(config.dataDir(), "mura").toString())).toAbsolutePath();
    }

    /** The set a phase runs on: the public sample for dry runs, the data's hidden set otherwise. */
    public String set(Phase phase) {
        if (phase == Phase.DRY_RUN) {
            return DatasetDescriptor.SAMPLE_SET;
        }
        root();
        return descriptor().hiddenSet();
    }

    /** Whether the data is in place (false while the synthetic set is still being generated). */
    public boolean ready() {
        try {
            return Files.exists(root.resolve("MURA-v1.1")) && Files.exists(hiddenTruthPath());
        } catch (IllegalStateException e) {
            return false; // no hidden set to be found: truth() says why
        }
    }

    /** The dataset root, generating the synthetic data first when the default folder is still empty. */
    public synchronized Path root() {
        if (!Files.exists(root.resolve("MURA-v1.1"))) {
            if (configured) {
                throw new IllegalStateException("arena.dataset-dir " + root + " holds no MURA-v1.1 folder");
            }
            try {
                progress.accept("generating the synthetic MURA data (seed " + seed + ") in " + root);
                SyntheticMura.generate(new SyntheticMura.Options(root, seed, false), progress);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot generate the synthetic data in " + root, e);
            }
        }
        return root;
    }

    /** A phase's truth: public sample labels for dry runs, the hidden readers' labels otherwise. */
    public Truth truth(Phase phase) {
        Path file = phase == Phase.DRY_RUN
                ? root().resolve("MURA-v1.1/" + DatasetDescriptor.SAMPLE_SET + LABELED)
                : hiddenTruthFile();
        try {
            return new Truth(TruthFile.read(file), Hashing.sha256(file));
        } catch (BadInputException | IOException e) {
            throw new IllegalStateException("the truth file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** What the board scores on: the data's name and its hidden set's size; null while the data is not in place. */
    public Summary summary() {
        if (!ready()) {
            return null;
        }
        Truth truth = truth(Phase.HIDDEN);
        CachedSummary cached = summary;
        if (cached == null || !cached.truthSha256().equals(truth.sha256())) {
            try {
                int images = new MuraTree(root).studies(set(Phase.HIDDEN)).stream().mapToInt(s -> s.images().size()).sum();
                cached = new CachedSummary(truth.sha256(),
                        new Summary(descriptor().name(), truth.contents().truth().size(), images));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the hidden set's image list in " + root, e);
            }
            summary = cached;
        }
        return cached.summary();
    }

    /** The hidden labels: several readers where the data has them, else one gold label per study. */
    private Path hiddenTruthFile() {
        root();
        return hiddenTruthPath();
    }

    private Path hiddenTruthPath() {
        String set = descriptor().hiddenSet();
        Path readers = root.resolve("labels/" + set + "_readers.csv");
        return Files.exists(readers) ? readers : root.resolve("labels/" + set + LABELED);
    }

    private DatasetDescriptor descriptor() {
        DatasetDescriptor known = descriptor;
        if (known == null) {
            try {
                known = DatasetDescriptor.read(root).orElseGet(this::detected);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the dataset descriptor: " + e.getMessage(), e);
            }
            descriptor = known;
        }
        return known;
    }

    /** Data written before descriptors existed: the one {@code labels/<set>_labeled_studies.csv}, named after its folder. */
    private DatasetDescriptor detected() {
        List<String> sets;
        try (Stream<Path> labels = Files.list(root.resolve("labels"))) {
            sets = labels.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(LABELED))
                    .map(n -> n.substring(0, n.length() - LABELED.length())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(root + " has no labels folder: " + e.getMessage(), e);
        }
        if (sets.size() != 1) {
            throw new IllegalStateException(root.resolve("labels") + " holds " + (sets.isEmpty()
                    ? "no <set>" + LABELED : "the labels of several sets " + sets)
                    + "; write " + root.resolve(DatasetDescriptor.FILE) + " with name=... and hidden=<set>");
        }
        return new DatasetDescriptor(root.getFileName().toString(), sets.get(0));
    }

    /** Gold labels with the hash of the file they came from, stored with every result. */
    public record Truth(TruthFile.Contents contents, String sha256) {
    }

    /** The data a board scores on, as {@code /api/leaderboard} states it. */
    public record Summary(String name, int studies, int images) {
    }

    private record CachedSummary(String truthSha256, Summary summary) {
    }
}

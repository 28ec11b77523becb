package org.muraarena.dataset;

import org.muraarena.core.Hashing;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.muraarena.core.ArenaConfig;
import org.muraarena.dataset.synth.SyntheticMura;
import org.muraarena.core.Phase;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.TruthFile;

/**
 * The competition's data: a folder holding {@code MURA-v1.1/} (what submissions may see) and
 * {@code labels/} (hidden labels, never shown to a submission). By default the synthetic set is
 * generated there on first use; an organizer points {@code arena.dataset-dir} at real data.
 */
@ApplicationScoped
public class DatasetService {
    /** The set a phase runs on. */
    public static String set(Phase phase) {
        return phase == Phase.DRY_RUN ? "sample" : "test";
    }

    private final Path root;
    private final long seed;
    private final boolean configured;
    private final Consumer<String> progress;

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

    /** Whether the data is in place (false while the synthetic set is still being generated). */
    public boolean ready() {
        return Files.exists(root.resolve("MURA-v1.1")) && Files.exists(hiddenTruthPath());
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
                ? root().resolve("MURA-v1.1/sample_labeled_studies.csv")
                : hiddenTruthFile();
        try {
            return new Truth(TruthFile.read(file), Hashing.sha256(file));
        } catch (BadInputException | IOException e) {
            throw new IllegalStateException("the truth file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The hidden labels: six readers where the data has them, else one gold label per study. */
    private Path hiddenTruthFile() {
        root();
        return hiddenTruthPath();
    }

    private Path hiddenTruthPath() {
        Path readers = root.resolve("labels/test_readers.csv");
        return Files.exists(readers) ? readers : root.resolve("labels/test_labeled_studies.csv");
    }

    /** Gold labels with the hash of the file they came from, stored with every result. */
    public record Truth(TruthFile.Contents contents, String sha256) {
    }
}

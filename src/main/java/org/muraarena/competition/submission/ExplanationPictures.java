package org.muraarena.competition.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;

/**
 * The pictures of a dry run's explanations, for its team and the organizer only: the overlay and
 * the plain map (stored PNGs) and the radiograph itself (a sample-set image, read from the
 * dataset). Another team's, a hidden run's and a missing one are all simply absent.
 */
@ApplicationScoped
public class ExplanationPictures {
    /** Which picture of an explanation. */
    public enum Kind { OVERLAY, MAP, IMAGE }

    private final DatasetService dataset;

    public ExplanationPictures(DatasetService dataset) {
        this.dataset = dataset;
    }

    /**
     * The PNG, or empty.
     *
     * @param team the asking team, or null for the organizer
     */
    @Transactional
    public Optional<byte[]> png(Team team, long submissionId, int position, Kind kind) {
        Submission s = Submission.findById(submissionId);
        if (s == null || team != null && !s.team.id.equals(team.id)) {
            return Optional.empty();
        }
        Evaluation dryRun = SubmissionService.evaluation(s, Phase.DRY_RUN);
        return switch (kind) {
            case OVERLAY -> ExplanationStore.picture(dryRun, position, ExplanationStore.Picture.OVERLAY);
            case MAP -> ExplanationStore.picture(dryRun, position, ExplanationStore.Picture.MAP);
            case IMAGE -> ExplanationStore.item(dryRun, position).flatMap(item -> radiograph(item.image()));
        };
    }

    /** A sample-set image as stored under the dataset root (the path came from the set's own list). */
    private Optional<byte[]> radiograph(String image) {
        Path root = dataset.root().toAbsolutePath().normalize();
        Path file = root.resolve(image).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

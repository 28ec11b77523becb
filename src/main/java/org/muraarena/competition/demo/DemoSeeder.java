package org.muraarena.competition.demo;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.muraarena.dataset.baseline.BaselineModel;
import org.muraarena.core.ArenaConfig;
import org.muraarena.dataset.DatasetService;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.ArtifactStore;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.team.Team;
import org.muraarena.competition.team.TeamService;

/**
 * The zero-setup experience: on the first start of an empty arena (and {@code arena.demo=true}),
 * generates the synthetic data, creates a demo team and queues the baseline's dry run and hidden
 * evaluation, so that the leaderboard fills within about a minute. Runs in the background:
 * the server answers meanwhile.
 */
@ApplicationScoped
public class DemoSeeder {
    public static final String DEMO_TEAM = "MURA Arena baseline";

    private final ArenaConfig config;
    private final DatasetService dataset;
    private final TeamService teams;
    private final ArtifactStore artifacts;
    private final SubmissionService submissions;
    private final Clock clock;

    public DemoSeeder(ArenaConfig config, DatasetService dataset, TeamService teams, ArtifactStore artifacts,
            SubmissionService submissions, Clock clock) {
        this.config = config;
        this.dataset = dataset;
        this.teams = teams;
        this.artifacts = artifacts;
        this.submissions = submissions;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        // Decided before the server takes requests, so a team created meanwhile does not cancel the demo.
        if (!config.demo() || QuarkusTransaction.requiringNew().call(() -> Team.count()) > 0) {
            return;
        }
        Thread seeding = new Thread(this::seed, "demo-seeder");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed() {
        try {
            dataset.root();
            Path upload = Files.createTempFile(Path.of(config.dataDir()).toAbsolutePath(), "baseline", ".onnx");
            BaselineModel.write(upload);
            ArtifactStore.Stored stored = artifacts.store(upload);
            Manifest manifest = ManifestCodec.parse(BaselineModel.MANIFEST);
            QuarkusTransaction.requiringNew().run(() -> {
                Team team = teams.create(DEMO_TEAM).team();
                Submission submission = submissions.record(team, manifest, BaselineModel.MANIFEST, stored);
                // Tagged at once: the demo skips the wait for its dry run (dry runs still go first).
                submission.taggedAt = clock.instant();
                for (Phase phase : Phase.values()) {
                    submissions.queue(submission, phase);
                }
            });
            Log.infof("demo: team '%s' created; the baseline's dry run and hidden evaluation are queued", DEMO_TEAM);
        } catch (Exception e) {
            Log.errorf(e, "demo: seeding failed; the arena runs without the demo baseline");
        }
    }
}

package org.muraarena.http.pages;

import java.time.Instant;
import org.muraarena.testing.Polling;
import org.muraarena.core.Phase;
import org.muraarena.core.FailureClass;

/**
 * A small, realistic leaderboard shared by the page and browser tests, built once per test app:
 * three scored teams (one with an older, weaker submission too) and a fourth whose dry run is
 * still running and whose hidden run failed.
 */
record LeaderboardScene(PageFixtures.TeamLogin leader, PageFixtures.TeamLogin second, PageFixtures.TeamLogin third,
                        PageFixtures.TeamLogin unranked, long leaderBest, long leaderOlder, long running) {
    static final String DRY_RUN_LOG = """
            [arena] dry run on 28 sample studies (75 images)
            [onnx] model input 'input' NCHW 3x224x224, output 'prob' probability
            [onnx] execution provider: CPU
            [onnx] batch 1/3: 32 images
            [onnx] batch 2/3: 32 images
            [onnx] batch 3/3: 11 images
            [arena] scored 28 studies
            """;

    private static LeaderboardScene scene;

    static synchronized LeaderboardScene get() {
        if (scene == null) {
            scene = build();
        }
        return scene;
    }

    private static LeaderboardScene build() {
        Instant day = Instant.parse("2026-03-02T09:15:00Z");
        PageFixtures.TeamLogin leader = PageFixtures.team("Humerus Maximus");
        PageFixtures.TeamLogin second = PageFixtures.team("Carpal Tunnel Vision");
        PageFixtures.TeamLogin third = PageFixtures.team("Ulnar Nerve");
        PageFixtures.TeamLogin unranked = PageFixtures.team("Radiant Radius");

        long older = scored(leader, "densenet121-v1", 0.45, day);
        long best = scored(leader, "densenet169-v2", 0.95, day.plusSeconds(86_400 * 3));
        long secondBest = scored(second, "resnet50-letterbox", 0.7, day.plusSeconds(86_400));
        long thirdBest = scored(third, "tiny-cnn", 0.3, day.plusSeconds(86_400 * 2));

        long failed = PageFixtures.submission(unranked.id(), "effnet-b0", day.plusSeconds(3600));
        PageFixtures.succeeded(failed, Phase.DRY_RUN, 0.6, day.plusSeconds(3600), DRY_RUN_LOG);
        PageFixtures.failed(failed, Phase.HIDDEN, FailureClass.MEMORY_LIMIT, PageFixtures.HIDDEN_REASON, PageFixtures.HIDDEN_LOG);
        long running = PageFixtures.submission(unranked.id(), "effnet-b2", Instant.now());
        PageFixtures.running(running, Phase.DRY_RUN, 31, 75, "[arena] dry run on 28 sample studies (75 images)\n");
        // Teams and the board see hidden outcomes only once released, at the next tick after they end.
        for (long id : new long[] {older, best, secondBest, thirdBest, failed}) {
            Polling.released(id);
        }
        return new LeaderboardScene(leader, second, third, unranked, best, older, running);
    }

    static long scored(PageFixtures.TeamLogin team, String model, double skill, Instant at) {
        long id = PageFixtures.submission(team.id(), model, at);
        // A weaker dry run than hidden run, so that its ROC curve is not a bare right angle.
        PageFixtures.succeeded(id, Phase.DRY_RUN, skill * 0.5, at, DRY_RUN_LOG);
        PageFixtures.succeeded(id, Phase.HIDDEN, skill, at.plusSeconds(600), PageFixtures.HIDDEN_LOG);
        return id;
    }
}

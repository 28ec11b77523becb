package org.muraarena.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.ManifestCodec;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.RankStatistics;
import org.muraarena.scoring.Scorer;
import org.muraarena.testing.QueueFixtures;

/**
 * The rank statistics a board should carry, worked out apart from the server's code: each team
 * row's calls from its stored predictions, each reader's from the truth file, in the documented
 * joint order (team rows as listed, readers merged in by kappa, a team first on equal kappa), fed
 * to {@link RankStatistics} and compared with what the JSON says of every entry.
 */
final class BoardOracle {
    private BoardOracle() {
    }

    private record Entry(JsonNode json, double kappa, int[] calls) {
    }

    static boolean matches(JsonNode board, DatasetService.Truth truth) throws Exception {
        List<String> studies = new ArrayList<>(truth.contents().truth().keySet());
        int[] gold = truth.contents().truth().values().stream().mapToInt(Scorer.Truth::gold).toArray();
        List<Entry> teams = new ArrayList<>();
        for (JsonNode row : board.get("rows")) {
            long submission = row.get("submissionId").asLong();
            Object[] stored = QuarkusTransaction.requiringNew().call(() -> {
                Result r = Result.latest(QueueFixtures.evaluation(submission, Phase.HIDDEN));
                return new Object[] {r.kappa, r.predictions, r.evaluation.submission.manifest};
            });
            Map<String, Double> p = PredictionsCsv.parse((String) stored[1], "stored", truth.contents().expected())
                    .studyProbabilities(ManifestCodec.parse((String) stored[2]).aggregation());
            teams.add(new Entry(row, (Double) stored[0], studies.stream().mapToInt(s -> p.get(s) > 0.5 ? 1 : 0).toArray()));
        }
        List<Entry> readers = new ArrayList<>();
        for (int r = 0; r < board.get("references").size(); r++) {
            int reader = r;
            readers.add(new Entry(board.get("references").get(r), board.get("references").get(r).get("kappa").asDouble(),
                    truth.contents().truth().values().stream().mapToInt(t -> t.references()[reader]).toArray()));
        }
        readers.sort((a, b) -> Double.compare(b.kappa(), a.kappa()));
        List<Entry> joint = new ArrayList<>();
        int t = 0;
        int r = 0;
        while (t < teams.size() || r < readers.size()) {
            joint.add(t == teams.size() || r < readers.size() && readers.get(r).kappa() > teams.get(t).kappa()
                    ? readers.get(r++) : teams.get(t++));
        }
        RankStatistics.Result expected = RankStatistics.DEFAULT.compute(gold, joint.stream().map(Entry::calls).toArray(int[][]::new));
        for (int i = 0; i < joint.size(); i++) {
            JsonNode json = joint.get(i).json();
            RankStatistics.Row row = expected.rows().get(i);
            if (json.get("rank_ci").get(0).asDouble() != row.rankLo() || json.get("rank_ci").get(1).asDouble() != row.rankHi()
                    || json.get("group").asInt() != row.group()
                    || !Objects.equals(json.get("p_vs_next").isNull() ? null : json.get("p_vs_next").asDouble(), row.pVsNext())) {
                System.out.println("NOTICE: entry " + i + " of the joint ranking differs: " + json + " vs " + row);
                return false;
            }
        }
        JsonNode tau = board.get("stability");
        return tau.get("tau_median").asDouble() == expected.tau().median() && tau.get("tau_ci").get(0).asDouble() == expected.tau().lo()
                && tau.get("tau_ci").get(1).asDouble() == expected.tau().hi() && tau.get("replicates").asInt() == expected.replicates();
    }
}

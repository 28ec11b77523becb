package org.muraarena.cli;

import org.muraarena.core.Options;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.TruthFile;
import org.muraarena.scoring.json.ScoreJson;

/**
 * {@code score --truth T.csv --predictions P.csv [--aggregation mean|max] [--bootstrap N] [--seed S]}:
 * prints one JSON object. Needs no database or network. Exit 0 on success, 2 with one line on
 * stderr (and nothing on stdout) on bad input.
 */
final class ScoreCommand {
    private ScoreCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args, "truth", "predictions", "aggregation", "bootstrap", "seed");
            Path truthPath = Path.of(options.required("truth"));
            Path predictionsPath = Path.of(options.required("predictions"));
            Aggregation aggregation = Aggregation.parse(options.get("aggregation", "mean"));
            AurocBootstrap bootstrap = new AurocBootstrap(
                    options.intValue("bootstrap", AurocBootstrap.DEFAULT.replicates()),
                    options.longValue("seed", AurocBootstrap.DEFAULT.seed()));

            TruthFile.Contents truth = TruthFile.read(truthPath);
            Map<String, Double> probabilities = PredictionsCsv.read(predictionsPath, predictionsPath.toString(), truth.expected())
                    .studyProbabilities(aggregation);
            ScoreReport report = new Scorer(bootstrap).score(truth.truth(), probabilities);
            out.println(ScoreJson.writePretty(report));
            return 0;
        } catch (BadInputException | IllegalArgumentException e) {
            err.println("score: " + e.getMessage());
            return 2;
        }
    }
}

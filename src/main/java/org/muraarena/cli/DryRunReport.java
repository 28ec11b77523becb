package org.muraarena.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import org.muraarena.competition.submission.SubmissionView;
import org.muraarena.sandbox.ExplanationPick;
import org.muraarena.sandbox.Explanations;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.muraarena.core.Hashing;
import org.muraarena.core.Manifest;
import org.muraarena.dataset.DatasetService;
import org.muraarena.http.pages.DryRunSummary;
import org.muraarena.http.pages.OfflinePages;
import org.muraarena.http.pages.RocPlot;
import org.muraarena.http.pages.Scores;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.scoring.ScoreReport;

/**
 * The {@code dry-run --report} page: one self-contained HTML file (the site's stylesheet and script
 * inlined, the ROC curve as inline SVG, the explanations' pictures as data URIs, nothing fetched)
 * rendered from {@code templates/DryRunReport/report.html} with the page's own tags, so that it
 * reads like the dry-run page of the server, gallery included.
 */
public final class DryRunReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * What the template shows; public for the template engine, which reads it by reflection.
     *
     * @param failure the failure class and reason, null when it succeeded
     * @param scores overall, then each type (the page's metrics table); empty when it failed
     * @param roc null when there is no curve
     * @param summary confusion matrix, accuracy and kappa per type; null when it failed
     */
    public record Page(String model, String kind, String artifact, String sha256, String provider, String dataset,
                       int studies, String took, String generatedAt, String failure, List<Scores> scores,
                       List<Double> kappaCiOfficial, RocPlot roc, DryRunSummary summary, List<String> log, String css,
                       Gallery gallery, String script) {
    }

    /** The explanations as the page's gallery tag reads them, pictures inlined; null when none were asked for. */
    public record Gallery(List<SubmissionView.ExplanationView> explanations, Boolean reliable,
                          SubmissionView.ExplanationProgress explanationProgress) {

        static Gallery of(Explanations e, Path data) {
            if (e == null) {
                return null;
            }
            List<SubmissionView.ExplanationView> items = e.items().stream().map(item -> {
                ExplanationPick p = item.pick();
                return new SubmissionView.ExplanationView(p.study(), p.image(), p.label(), p.probability(), p.correct(),
                        dataUri(item.overlayPng()), dataUri(item.mapPng()), dataUri(radiograph(data, p.image())),
                        item.width(), item.height());
            }).toList();
            String state = e.state() == Explanations.State.DONE ? "DONE" : "FAILED";
            return new Gallery(items, e.reliable(), new SubmissionView.ExplanationProgress(state, 0, 0, e.correlation(), e.message()));
        }

        private static byte[] radiograph(Path data, String image) {
            try {
                return Files.readAllBytes(data.resolve(image));
            } catch (IOException e) {
                return null;
            }
        }

        private static String dataUri(byte[] png) {
            return png == null ? null : "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }
    }

    private final Page page;

    private DryRunReport(Page page) {
        this.page = page;
    }

    public Page page() {
        return page;
    }

    String html() {
        return OfflinePages.render("DryRunReport/report", Map.of("page", page));
    }

    /** Collects what every report shows, then makes the report of a success or of a failure. */
    static final class Builder {
        private final Path artifact;
        private final Manifest manifest;
        private final Path data;
        private final DatasetService.Truth truth;

        Builder(Path artifact, Manifest manifest, Path data, DatasetService.Truth truth) {
            this.artifact = artifact;
            this.manifest = manifest;
            this.data = data;
            this.truth = truth;
        }

        DryRunReport succeeded(RunOutcome outcome, ScoreReport scores, Explanations explanations, long tookNanos,
                List<String> log) {
            double[] official = scores.overall().kappaCiOfficial();
            Map<String, Double> studies = outcome.studyProbabilities(manifest.aggregation());
            RocPlot roc = RocPlot.of(truth.contents().truth(), studies);
            return page(outcome.provider(), tookNanos, null, Scores.table(scores),
                    official == null ? null : List.of(official[0], official[1]), roc,
                    DryRunSummary.of(scores, truth.contents().truth(), studies), log, Gallery.of(explanations, data));
        }

        DryRunReport failed(SandboxFailure failure, long tookNanos, List<String> log) {
            return page(null, tookNanos, failure.failureClass().label() + ": " + failure.getMessage(), List.of(), null, null, null, log,
                    null);
        }

        private DryRunReport page(String provider, long tookNanos, String failure, List<Scores> scores, List<Double> official,
                RocPlot roc, DryRunSummary summary, List<String> log, Gallery gallery) {
            return new DryRunReport(new Page(manifest.name(), manifest.kind() == Manifest.Kind.ONNX ? "ONNX" : "container",
                    artifact.getFileName().toString(), sha256(), provider, data.toString(), truth.contents().truth().size(),
                    ProgressLine.duration(tookNanos / 1e9), WHEN.format(Instant.now()), failure, scores, official, roc,
                    summary, List.copyOf(log), OfflinePages.stylesheet(), gallery, OfflinePages.script()));
        }

        private String sha256() {
            try {
                return Hashing.sha256(artifact);
            } catch (IOException e) {
                return null;
            }
        }
    }
}

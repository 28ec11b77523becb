package org.muraarena.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;

/**
 * One run: the artifact and its manifest, the folder holding {@code MURA-v1.1/} (the only data
 * the submission may see: never the labels), the set to run on ({@code sample} or {@code test}),
 * and a private scratch folder the sandbox may use and the caller deletes afterwards.
 *
 * @param manifestJson the manifest's text as stored with the submission, which a child process parses
 * @param hidden a hidden run: logs are for organizers only, which the sandbox may use to say less
 * @param timeLimit this run's wall-clock limit when its phase has one of its own (a dry run's); the
 *     sandbox applies the shorter of it and its own configured limit
 * @param explain the explanations a dry run asks for after its predictions; always empty for a hidden run
 */
public record RunRequest(long evaluationId, Path artifact, Manifest manifest, String manifestJson, Path datasetRoot,
                         String set, Path workDir, boolean hidden, Optional<Duration> timeLimit,
                         Optional<ExplainRequest> explain) {

    public RunRequest {
        if (hidden && explain.isPresent()) {
            throw new IllegalArgumentException("a hidden run never computes explanations");
        }
    }

    /** A run without explanations. */
    public RunRequest(long evaluationId, Path artifact, Manifest manifest, String manifestJson, Path datasetRoot,
                      String set, Path workDir, boolean hidden, Optional<Duration> timeLimit) {
        this(evaluationId, artifact, manifest, manifestJson, datasetRoot, set, workDir, hidden, timeLimit, Optional.empty());
    }

    /** A run limited by the sandbox's own time limit only. */
    public RunRequest(long evaluationId, Path artifact, Manifest manifest, String manifestJson, Path datasetRoot,
                      String set, Path workDir, boolean hidden) {
        this(evaluationId, artifact, manifest, manifestJson, datasetRoot, set, workDir, hidden, Optional.empty());
    }

    /** A run of a manifest that has no stored text (tests, benchmarks): its canonical JSON stands in. */
    public RunRequest(long evaluationId, Path artifact, Manifest manifest, Path datasetRoot, String set,
                      Path workDir, boolean hidden) {
        this(evaluationId, artifact, manifest, ManifestCodec.toJson(manifest), datasetRoot, set, workDir, hidden);
    }

    /** The wall-clock limit of this run in a sandbox whose own limit is {@code sandboxLimit}. */
    public Duration timeLimitWithin(Duration sandboxLimit) {
        return timeLimit.filter(limit -> limit.compareTo(sandboxLimit) < 0).orElse(sandboxLimit);
    }
}

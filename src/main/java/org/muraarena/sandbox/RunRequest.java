package org.muraarena.sandbox;

import java.nio.file.Path;
import org.muraarena.core.Manifest;

/**
 * One run: the artifact and its manifest, the folder holding {@code MURA-v1.1/} (the only data
 * the submission may see: never the labels), the set to run on ({@code sample} or {@code test}),
 * and a private scratch folder the sandbox may use and the caller deletes afterwards.
 *
 * @param hidden a hidden run: logs are for organizers only, which the sandbox may use to say less
 */
public record RunRequest(long evaluationId, Path artifact, Manifest manifest, Path datasetRoot, String set,
                         Path workDir, boolean hidden) {
}

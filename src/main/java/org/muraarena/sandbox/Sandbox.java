package org.muraarena.sandbox;

import java.nio.file.Path;
import java.util.List;
import org.muraarena.core.Manifest;

/**
 * Runs one submission on one set of images and returns its image-level probabilities. The one
 * interface between the domain and the runners (ONNX via DJL, containers via Docker): domain
 * code never imports DJL or docker-java.
 */
public interface Sandbox {

    /** Whether this sandbox runs submissions of that kind. */
    boolean supports(Manifest.Kind kind);

    /**
     * Problems that make an upload unacceptable before anything runs (e.g. an ONNX file whose
     * external data could read files outside the model); empty when it may be queued.
     */
    default List<String> uploadProblems(Path artifact, Manifest manifest) {
        return List.of();
    }

    /**
     * Runs the request to the end. Blocks; honours {@link RunListener#cancelled()} between steps.
     *
     * @throws SandboxFailure when the submission fails (its fault, classed for the team) or the
     *     sandbox could not run it
     */
    RunOutcome run(RunRequest request, RunListener listener) throws SandboxFailure;
}

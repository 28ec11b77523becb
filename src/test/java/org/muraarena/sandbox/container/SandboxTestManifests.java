package org.muraarena.sandbox.container;

import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;

/** Container manifests the tests use. */
final class SandboxTestManifests {
    static final Manifest CONTAINER = new Manifest("test", Manifest.Kind.CONTAINER, Manifest.DEFAULT_INPUT,
            Manifest.DEFAULT_OUTPUT, Aggregation.MEAN, false);

    private SandboxTestManifests() {
    }
}

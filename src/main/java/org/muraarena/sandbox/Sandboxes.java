package org.muraarena.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.muraarena.core.Manifest;

/** The sandboxes this server has, chosen by submission kind. */
@ApplicationScoped
public class Sandboxes {
    private final Instance<Sandbox> all;

    public Sandboxes(@Any Instance<Sandbox> all) {
        this.all = all;
    }

    public Optional<Sandbox> forKind(Manifest.Kind kind) {
        return all.stream().filter(s -> s.supports(kind)).findFirst();
    }
}

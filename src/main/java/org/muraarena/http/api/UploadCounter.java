package org.muraarena.http.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code arena_uploads_total{outcome}}: every upload, by how it was answered, whoever answered it
 * (UploadGate's early 413, the permission check's 401, a resource's refusal or acceptance).
 */
@ApplicationScoped
public class UploadCounter {
    private final MeterRegistry registry;

    public UploadCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The outcome label of an upload answered with {@code status}. */
    static String outcome(int status) {
        return switch (status) {
            case 202 -> "accepted";
            case 400 -> "invalid";
            case 401, 403 -> "unauthorized";
            case 413 -> "too_large";
            case 429 -> "over_quota";
            default -> status >= 500 ? "error" : "other";
        };
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if (context.request().method() == HttpMethod.POST && "/api/submissions".equals(context.normalizedPath())) {
                context.addEndHandler(v -> Counter.builder("arena.uploads").description("Uploads by how they were answered")
                        .tag("outcome", outcome(context.response().getStatusCode())).register(registry).increment());
            }
            context.next();
        }, 300);
    }
}

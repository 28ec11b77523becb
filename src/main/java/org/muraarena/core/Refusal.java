package org.muraarena.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the domain refuses, in the domain's words: what was wrong, never how a protocol says
 * it. The HTTP layer maps each kind to a status in one place ({@code http.api.ApiExceptionMapper});
 * the pages show the message.
 */
public abstract class Refusal extends RuntimeException {
    private final List<String> problems;

    protected Refusal(String message, List<String> problems) {
        super(message, null, false, false); // a refusal is an answer, not a fault: no stack trace
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, where there are several (e.g. every problem of a manifest). */
    public List<String> problems() {
        return problems;
    }

    /** Something that does not exist, or that the caller may not know exists. */
    public static final class NotFound extends Refusal {
        public NotFound(String what) {
            super(what + " not found", List.of());
        }
    }

    /** Input that is wrong in itself: a bad name, an invalid manifest, an unusable artifact. */
    public static final class InvalidInput extends Refusal {
        public InvalidInput(String message) {
            this(message, List.of());
        }

        public InvalidInput(String message, List<String> problems) {
            super(message, problems);
        }
    }

    /** Valid input that the current state does not allow (a taken name, a finished evaluation). */
    public static final class Conflict extends Refusal {
        public Conflict(String message) {
            super(message, List.of());
        }
    }

    /** An artifact over its kind's size cap. */
    public static final class ArtifactTooLarge extends Refusal {
        public ArtifactTooLarge(String message) {
            super(message, List.of());
        }
    }

    /** A quota that is spent; {@code retryAfter} is when the next slot opens, empty if none will. */
    public static final class QuotaExceeded extends Refusal {
        private final transient Duration retryAfter;

        public QuotaExceeded(String message, Duration retryAfter) {
            super(message, List.of());
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Something not ready to answer yet (the leaderboard before its first build); worth asking again shortly. */
    public static final class Unavailable extends Refusal {
        public Unavailable(String message) {
            super(message, List.of());
        }
    }

    /** A caller without credentials, or with wrong or revoked ones. */
    public static final class Unauthenticated extends Refusal {
        public Unauthenticated() {
            super("missing or wrong bearer token", List.of());
        }
    }

    /** A known caller who may not do this. */
    public static final class Forbidden extends Refusal {
        public Forbidden(String message) {
            super(message, List.of());
        }
    }
}

package org.muraarena.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;

/** Every tunable of the arena, with its default; set as {@code arena.*} properties or {@code ARENA_*} variables. */
@ConfigMapping(prefix = "arena")
public interface ArenaConfig {

    /** Where runtime state lives: artifacts, the generated data, the embedded database. */
    @WithDefault("data")
    String dataDir();

    /** The organizer's bearer token ({@code ARENA_ADMIN_TOKEN}); without it organizer calls are refused. */
    Optional<String> adminToken();

    /** Folder holding {@code MURA-v1.1/} and {@code labels/}; default: {@code <data-dir>/mura}, generated on first start. */
    Optional<String> datasetDir();

    /** Seed for the demo data generated on first start. */
    @WithDefault("1")
    long datasetSeed();

    /** Seed a demo team and score the baseline on first start (the zero-setup experience). */
    @WithDefault("true")
    boolean demo();

    Competition competition();

    /** The competition itself (docs/DESIGN.md, Competition settings): its name and its calendar. */
    interface Competition {
        /** Shown on every page. */
        @WithDefault("MURA Arena")
        String title();

        /** One paragraph under the title on the leaderboard page. */
        @WithDefault("Abnormality detection in musculoskeletal radiographs: upload a model, see it run on the public sample studies, tag it for the hidden ones.")
        String description();

        /** Before it ({@code ARENA_COMPETITION_OPENS_AT}, ISO-8601 instant), uploads and tags are refused; unset: open. */
        Optional<java.time.Instant> opensAt();

        /** From it ({@code ARENA_COMPETITION_CLOSES_AT}), uploads and tags are refused; unset: never closes. */
        Optional<java.time.Instant> closesAt();

        /**
         * From it ({@code ARENA_COMPETITION_FREEZE_AT}), the public board shows each team's released best as it
         * stood then, until an organizer publishes; organizers see it live.
         */
        Optional<java.time.Instant> freezeAt();
    }

    Hidden hidden();

    /** Hidden evaluations: when their outcomes reach teams and the board (docs/DESIGN.md). */
    interface Hidden {
        /**
         * Release period ({@code ARENA_HIDDEN_RELEASE_EVERY}, ISO-8601): a hidden run's outcome is released at
         * the first multiple of it since the epoch after the run ends, so its timing tells a team no more
         * than the ticks it spans.
         */
        @WithDefault("PT10M")
        Duration releaseEvery();
    }

    Board board();

    /** The public board, kept in memory and rebuilt when results change (docs/DESIGN.md). */
    interface Board {
        /**
         * Build the board at start and keep it current ({@code ARENA_BOARD_BUILD_AT_START}); a worker
         * process ({@code worker}) sets it false and builds it only if something there reads it.
         */
        @WithDefault("true")
        boolean buildAtStart();

        /** How long a reader waits for a rebuild that includes a change this process committed, before it gets the board as it was. */
        @WithDefault("PT10S")
        Duration freshWait();
    }

    Quota quota();

    Uploads uploads();

    Onnx onnx();

    DryRun dryRun();

    Queue queue();

    Worker worker();

    Sessions sessions();

    /** Signed-in page sessions (the cookie holds a random id, the database its hash). */
    interface Sessions {
        /** How long a sign-in lasts, from signing in (fixed, not sliding). */
        @WithDefault("PT12H")
        Duration lifetime();

        /** Mark cookies {@code Secure} even when the request looks like plain HTTP (behind a TLS proxy). */
        @WithDefault("false")
        boolean secureCookie();
    }

    /** Dry runs on the public sample set. */
    interface DryRun {
        /** Wall-clock limit of one dry run, shorter than a hidden run's ({@code onnx}/{@code container} time limits): the sample set is small. */
        @WithDefault("PT5M")
        Duration timeLimit();

        /**
         * Explanations after a successful dry run: this many of the most confidently right and of
         * the most confidently wrong sample studies (0: none). Never for a hidden run.
         */
        @WithDefault("4")
        int explanations();

        /** Occlusion patch positions per side of a map: a map costs this many batched forward passes. */
        @WithDefault("8")
        int occlusionGrid();
    }

    interface Queue {
        /** How long a claim lasts without a heartbeat; a dead worker's job is re-queued after it. */
        @WithDefault("PT60S")
        Duration lease();

        /** How often a running job's lease is renewed (and its progress and log written). */
        @WithDefault("PT5S")
        Duration heartbeat();

        /** Attempts before a job that keeps losing its worker fails for good (re-queueing starts afresh). */
        @WithDefault("3")
        int maxAttempts();

        /** Hidden runs of one team that may run at once, so that one team's queue cannot starve the others. */
        @WithDefault("1")
        int teamConcurrency();
    }

    interface Worker {
        /** Whether this process runs evaluations (the embedded worker of a single-machine server). */
        @WithDefault("true")
        boolean enabled();

        /** Dry runs this process runs at once (and hidden runs too when {@link #hiddenSlots()} is 0). */
        @WithDefault("1")
        int slots();

        /**
         * Slots that run hidden runs only, beside {@link #slots()} ({@code ARENA_WORKER_HIDDEN_SLOTS}). A slot
         * shared by both phases lets a team time its own hidden run: its next dry run starts when the hidden
         * run ends. 0 shares the slots (phases then take turns).
         */
        @WithDefault("1")
        int hiddenSlots();

        /** Name shown on the organizer page; default host-pid. */
        Optional<String> name();

        /**
         * Server to fetch artifacts from when they are not in this process's own artifact store
         * (a worker on another machine), e.g. {@code http://arena.example:8080}.
         */
        Optional<String> serverUrl();

        /**
         * Shared secret of workers ({@code ARENA_WORKER_TOKEN}): the server hands artifacts to callers
         * holding it; a worker sends it. Distinct from the organizer's token.
         */
        Optional<String> token();
    }

    interface Quota {
        /** Hidden evaluations a team may queue in any 24 hours (failed runs count). */
        @WithDefault("5")
        int perDay();

        /** Hidden evaluations a team may queue in all. */
        @WithDefault("20")
        int total();

        /** Uploads a team may make in any 24 hours (each queues a dry run); refused ones store nothing. */
        @WithDefault("50")
        int uploadsPerDay();

        /**
         * CPU hours a team's evaluations may use in all ({@code ARENA_QUOTA_COMPUTE_HOURS}), dry and hidden runs,
         * failed ones too; once they reach it, tags are refused (429). Unset: no budget.
         */
        Optional<Double> computeHours();
    }

    interface Uploads {
        /** Largest ONNX artifact accepted, in bytes (default 2 GiB). */
        @WithDefault("2147483648")
        long maxOnnxBytes();

        /** Largest container tarball accepted, in bytes (default 10 GiB). */
        @WithDefault("10737418240")
        long maxContainerBytes();
    }

    interface Onnx {
        /** Heap of the child JVM that runs one ONNX evaluation. */
        @WithDefault("2g")
        String childHeap();

        /** Wall-clock limit of one ONNX evaluation. */
        @WithDefault("PT20M")
        Duration timeLimit();

        /** Images per inference batch (models with a fixed batch of 1 run one at a time). */
        @WithDefault("8")
        int batchSize();

        /** ONNX Runtime intra-op threads; 0 means one per core. */
        @WithDefault("0")
        int threads();
    }

    Container container();

    /** Container submissions: the Docker engine and every limit of one run (applied by {@code ContainerLimits}). */
    interface Container {
        /** The Docker engine, e.g. {@code unix:///run/arena-docker/docker.sock}; default: {@code DOCKER_HOST}, else the local socket. */
        Optional<String> dockerHost();

        /** Whether container submissions are accepted (and claimed); default: whether the engine answers at start. */
        Optional<Boolean> enabled();

        /** Memory of one run; swap is the same, so none beyond it. */
        @WithDefault("4G")
        MemorySize memory();

        /** Processes and threads one run may have at once. */
        @WithDefault("256")
        long pids();

        /** CPUs one run may use. */
        @WithDefault("2")
        double cpus();

        /** Size of the run's tmpfs {@code /tmp} (noexec, nosuid; counted in its memory). */
        @WithDefault("256M")
        MemorySize tmpSize();

        /** Largest output folder (a tmpfs of this size: writes past it fail). */
        @WithDefault("64M")
        MemorySize outputSize();

        /** The container's log kept per run: its head and its tail, what lies between is dropped. */
        @WithDefault("1M")
        MemorySize logSize();

        /** Wall-clock limit of one run, from the container's start. */
        @WithDefault("PT30M")
        Duration timeLimit();

        /** The user the submission runs as, whatever its image says: never root. */
        @WithDefault("10001:10001")
        String user();
    }
}

package org.muraarena.competition.submission;

import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.muraarena.core.Refusal;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Phase;
import org.muraarena.competition.workers.WorkerRegistry;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.Sandboxes;
import org.muraarena.competition.calendar.CompetitionCalendar;
import org.muraarena.competition.team.Team;

/** Uploads, tags and quotas: what a team does with its submissions. */
@ApplicationScoped
public class SubmissionService {
    public static final String SUBMIT_TAG = "mura-submit";
    /** First key of the advisory lock that serialises a team's uploads (the second is the team's id). */
    private static final int UPLOAD_LOCK = 0x55504c44;

    private final ArenaConfig config;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final Sandboxes sandboxes;
    private final WorkerRegistry workers;
    private final Event<EvaluationQueued> queued;
    private final CompetitionCalendar calendar;
    private final ComputeBudget budget;

    public SubmissionService(ArenaConfig config, ArtifactStore artifacts, Clock clock, Sandboxes sandboxes,
            WorkerRegistry workers, Event<EvaluationQueued> queued, CompetitionCalendar calendar) {
        this.calendar = calendar;
        this.config = config;
        this.artifacts = artifacts;
        this.clock = clock;
        this.sandboxes = sandboxes;
        this.workers = workers;
        this.queued = queued;
        this.budget = new ComputeBudget(config.quota().computeHours());
    }

    /**
     * Validates and stores an upload, then queues its dry run. Nothing is stored when anything is
     * wrong: the uploaded file is deleted and the answer lists every problem.
     *
     * @param upload where the HTTP layer buffered the artifact (deleted or moved by this call)
     * @throws Refusal.QuotaExceeded past {@code arena.quota.uploads-per-day} (saying when the next slot opens)
     */
    @Transactional
    // Checking a container tarball of gigabytes (and loading it into the engine) can outlast the
    // default 60 s; no row is touched before the checks pass, so nothing is held meanwhile.
    @TransactionConfiguration(timeout = 3600)
    public Submission upload(Team team, Path upload, String manifestJson) {
        try {
            calendar.requireOpen();
            checkUploadQuota(team); // first, so that a team over its quota costs no checks
            Manifest manifest = parseManifest(manifestJson);
            checkSize(manifest, Files.size(upload), config.uploads());
            if (manifest.kind() == Manifest.Kind.CONTAINER && manifest.gpu() && !workers.hasLiveWorker("gpu")) {
                // It would wait in the queue for a worker that does not exist.
                throw new Refusal.InvalidInput("this container asks for a GPU (\"gpu\": true), but no worker of this competition "
                        + "has one now; upload it with \"gpu\": false to run on the CPU, or ask the organizers");
            }
            Sandbox sandbox = sandboxes.forKind(manifest.kind()).orElseThrow(() -> new Refusal.InvalidInput(
                    manifest.kind().name().toLowerCase() + " submissions are not accepted on this server"
                    + (manifest.kind() == Manifest.Kind.CONTAINER ? " (no Docker engine; see arena.container.enabled)" : "")));
            List<String> problems = sandbox.uploadProblems(upload, manifest);
            if (!problems.isEmpty()) {
                throw new Refusal.InvalidInput("the artifact is refused: " + String.join("; ", problems), problems);
            }
            // Again under a lock on the team's uploads, so that two at once cannot both take the last
            // slot. Not the team's row: claims update it, and storing a large artifact takes a while.
            Team.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(:uploads, cast(:team as int))")
                    .setParameter("uploads", UPLOAD_LOCK).setParameter("team", team.id).getSingleResult();
            checkUploadQuota(team);
            Submission submission = record(team, manifest, manifestJson, artifacts.store(upload));
            queue(submission, Phase.DRY_RUN);
            return submission;
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the upload: " + e.getMessage(), e);
        } finally {
            deleteQuietly(upload);
        }
    }

    /**
     * Refuses an artifact of {@code size} bytes that is empty or over its kind's cap (also asked by the
     * offline {@code dry-run} command, so that it refuses what an upload would).
     */
    public static void checkSize(Manifest manifest, long size, ArenaConfig.Uploads uploads) {
        long cap = manifest.kind() == Manifest.Kind.ONNX ? uploads.maxOnnxBytes() : uploads.maxContainerBytes();
        if (size > cap) {
            throw new Refusal.ArtifactTooLarge("the artifact is " + size + " bytes; " + manifest.kind().name().toLowerCase()
                    + " submissions may be at most " + cap + " bytes");
        }
        if (size == 0) {
            throw new Refusal.InvalidInput("the artifact is empty");
        }
    }

    /**
     * Tags a submission for the hidden evaluation.
     *
     * @throws Refusal.InvalidInput for another tag, Refusal.NotFound for another team's submission, Refusal.Conflict before a
     *     passed dry run or when tagged already, 429 over quota (saying when the next slot opens) or once the
     *     team's compute budget is spent (no Retry-After: the budget does not refill by itself)
     */
    @Transactional
    public Evaluation tag(Team team, long submissionId, String tag) {
        calendar.requireOpen();
        if (!SUBMIT_TAG.equals(tag)) {
            throw new Refusal.InvalidInput("the only tag is '" + SUBMIT_TAG + "'");
        }
        // Lock the team so that two tags at once cannot both pass the quota check.
        Team locked = Team.findById(team.id, LockModeType.PESSIMISTIC_WRITE);
        Submission submission = owned(locked, submissionId);
        Evaluation dryRun = evaluation(submission, Phase.DRY_RUN);
        if (dryRun == null || dryRun.status() != EvaluationStatus.SUCCEEDED) {
            throw new Refusal.Conflict("the dry run has not passed (it is " + (dryRun == null ? "missing" : dryRun.status())
                    + "); tag once it has SUCCEEDED");
        }
        if (submission.taggedAt != null) {
            throw new Refusal.Conflict("this submission is tagged already");
        }
        Instant now = clock.instant();
        List<Instant> counted = Evaluation.<Evaluation>find(
                "submission.team = ?1 and phase = ?2 and status <> ?3", locked, Phase.HIDDEN, EvaluationStatus.CANCELLED)
                .stream().map(e -> e.submission.taggedAt).toList();
        refuseOver(new QuotaPolicy(config.quota().perDay(), config.quota().total()), counted, now);
        budget.refusal(cpuSecondsUsed(locked)).ifPresent(reason -> {
            throw new Refusal.QuotaExceeded(reason, null);
        });
        submission.taggedAt = now;
        return queue(submission, Phase.HIDDEN);
    }

    /** CPU seconds of all the team's evaluations so far (what was measured). */
    public static double cpuSecondsUsed(Team team) {
        Number used = (Number) Evaluation.getEntityManager().createQuery(
                "select coalesce(sum(e.cpuSeconds), 0) from Evaluation e where e.submission.team = ?1")
                .setParameter(1, team).getSingleResult();
        return used.doubleValue();
    }

    /** Refuses another upload when the team made {@code arena.quota.uploads-per-day} in the last 24 hours. */
    private void checkUploadQuota(Team team) {
        Instant now = clock.instant();
        List<Instant> recent = Submission.<Submission>find("team = ?1 and createdAt > ?2", team, now.minus(QuotaPolicy.WINDOW))
                .stream().map(s -> s.createdAt).toList();
        refuseOver(QuotaPolicy.uploads(config.quota().uploadsPerDay()), recent, now);
    }

    /** 429 with the wait until the next slot (none when the quota is used up for good). */
    private static void refuseOver(QuotaPolicy policy, List<Instant> counted, Instant now) {
        policy.check(counted, now).ifPresent(refusal -> {
            throw new Refusal.QuotaExceeded(refusal.reason(),
                    refusal.nextSlot().map(next -> java.time.Duration.between(now, next)).orElse(null));
        });
    }

    /** The team's own submission, or 404 (another team's is not even said to exist). */
    public static Submission owned(Team team, long submissionId) {
        Submission submission = Submission.findById(submissionId);
        if (submission == null || !submission.team.id.equals(team.id)) {
            throw new Refusal.NotFound("submission " + submissionId);
        }
        return submission;
    }

    public static Evaluation evaluation(Submission submission, Phase phase) {
        return Evaluation.find("submission = ?1 and phase = ?2", submission, phase).firstResult();
    }

    /** Persists a submission of a stored artifact; queues nothing. Must run in a transaction. */
    public Submission record(Team team, Manifest manifest, String manifestJson, ArtifactStore.Stored stored) {
        Submission submission = new Submission();
        submission.team = team;
        submission.kind = manifest.kind();
        submission.modelName = manifest.name();
        submission.manifest = manifestJson;
        submission.sha256 = stored.sha256();
        submission.sizeBytes = stored.size();
        submission.createdAt = clock.instant();
        submission.needsGpu = manifest.kind() == Manifest.Kind.CONTAINER && manifest.gpu();
        submission.persist();
        return submission;
    }

    /**
     * Queues one evaluation of a submission. QUEUED. Must run in a transaction; workers hear of it
     * when that commits.
     */
    public Evaluation queue(Submission submission, Phase phase) {
        Evaluation evaluation = new Evaluation();
        evaluation.submission = submission;
        evaluation.phase = phase;
        evaluation.transitionTo(EvaluationStatus.QUEUED, clock.instant());
        evaluation.persist();
        queued.fire(new EvaluationQueued(evaluation.id, phase));
        return evaluation;
    }

    private static Manifest parseManifest(String json) {
        try {
            return ManifestCodec.parse(json);
        } catch (ManifestCodec.InvalidManifestException e) {
            throw new Refusal.InvalidInput(e.getMessage(), e.problems());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The HTTP layer deletes its uploads at the end of the request too.
        }
    }
}

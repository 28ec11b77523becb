package org.muraarena.competition.submission;

import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import org.muraarena.competition.team.Team;

/** An uploaded model: its manifest and the content hash of its artifact. */
@Entity
public class Submission extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    public Team team;
    @Enumerated(EnumType.STRING)
    public Manifest.Kind kind;
    public String modelName;
    public String manifest;
    public String sha256;
    public long sizeBytes;
    public Instant createdAt;
    public Instant taggedAt;
    /** A container that asked for a GPU: only a worker with one may run it. */
    public boolean needsGpu;

    /** A team's submissions, newest first: the one order of every list of them. */
    public static java.util.List<Submission> newestFirst(Team team) {
        return list("team = ?1 order by createdAt desc, id desc", team);
    }

    /** Every team's submissions, newest first (the organizer's list). */
    public static java.util.List<Submission> allNewestFirst() {
        return list("order by createdAt desc, id desc");
    }

    /**
     * The stored manifest, parsed: the one way from a row to a {@link Manifest}. It was validated on
     * upload, so a failure here means the row was edited by hand.
     */
    public Manifest parsedManifest() {
        try {
            return ManifestCodec.parse(manifest);
        } catch (ManifestCodec.InvalidManifestException e) {
            throw new IllegalStateException("submission " + id + " has a stored manifest that no longer parses: "
                    + e.getMessage(), e);
        }
    }
}

package org.muraarena.competition.team;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A competing team. Its bearer token is stored only as a SHA-256 hash. */
@Entity
public class Team extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String tokenHash;
    public Instant createdAt;
    /** The evaluation that is the team's released best (the Ladder's), or null before its first released success. */
    public Long releasedBestEvaluationId;

    public static Team byTokenHash(String hash) {
        return find("tokenHash", hash).firstResult();
    }

    public static Team byName(String name) {
        return find("name", name).firstResult();
    }
}

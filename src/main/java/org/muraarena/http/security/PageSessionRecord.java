package org.muraarena.http.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.muraarena.competition.team.Team;

/** One signed-in browser: the hash of its cookie's id, who signed in, and until when. */
@Entity
@Table(name = "page_session")
public class PageSessionRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String idHash;
    @ManyToOne
    public Team team;
    public boolean organizer;
    public String csrfToken;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;

    static PageSessionRecord byIdHash(String hash) {
        return find("idHash", hash).firstResult();
    }
}

package org.muraarena.competition.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** The competition's one row of state (V8): when an organizer published the board after its freeze. */
@Entity
public class CompetitionState extends PanacheEntityBase {
    @Id
    public Integer id;
    public Instant publishedAt;
    public String publishedBy;

    static CompetitionState current() {
        return findById(1);
    }
}

package org.muraarena.competition.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One organizer action, written in the same transaction as the action itself; never changed. */
@Entity
@Table(name = "audit")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    public String action;
    public String target;
    public String detail;

    /** Records an action. Must run in a transaction. */
    public static AuditEntry record(Instant at, String actor, String action, String target, String detail) {
        AuditEntry e = new AuditEntry();
        e.at = at;
        e.actor = actor;
        e.action = action;
        e.target = target;
        e.detail = detail == null ? "" : detail;
        e.persist();
        return e;
    }

    public static List<AuditEntry> newest(int limit) {
        return find("order by at desc, id desc").page(0, limit).list();
    }
}

package org.muraarena.competition.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;
import org.muraarena.testing.TestDatabase;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.json.ScoreJson;
import org.muraarena.testing.TestData;

/**
 * V4 on a database written before it: text metrics become jsonb that reads back as the same typed
 * report, and kappa/AUROC are back-filled from it (SQL null where the report had JSON null); V7
 * leaves the compute of earlier evaluations unmeasured.
 */
class ResultMigrationTest {
    private static Path base;
    private static TestDatabase db;
    private static final String SCHEMA = "v4_" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void database() throws Exception {
        base = TestData.traversableTempDirectory("mura-arena-v4-");
        db = TestDatabase.start(base.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (db.external()) {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
                s.execute("drop schema " + SCHEMA + " cascade");
            }
        }
        db.close();
        TestData.deleteTree(base);
    }

    private static Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration").schemas(SCHEMA);
        return (target == null ? config : config.target(target)).load();
    }

    private static ScoreReport report(boolean bothClasses) {
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        Map<String, Double> p = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            String study = "MURA-v1.1/test/XR_WRIST/patient" + i + "/study1/";
            truth.put(study, new Scorer.Truth(BodyPart.XR_WRIST, bothClasses ? i % 2 : 0));
            p.put(study, 0.1 + i * 0.15);
        }
        return new Scorer(new AurocBootstrap(100, 1)).score(truth, p);
    }

    @Test
    void textMetricsBecomeTypedJsonbWithKappaAndAurocBackFilled() throws Exception {
        flyway("2").migrate();
        ScoreReport scored = report(true);
        ScoreReport oneClass = report(false); // AUROC undefined: JSON null
        try (Connection c = DriverManager.getConnection(db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("insert into team (name, token_hash, created_at) values ('t', repeat('a', 64), now())");
            s.execute("insert into submission (team_id, kind, model_name, manifest, sha256, size_bytes, created_at)"
                    + " select id, 'ONNX', 'm', '{\"name\":\"m\"}', repeat('b', 64), 1, now() from team");
            s.execute("insert into evaluation (submission_id, phase, status, queued_at)"
                    + " select id, 'HIDDEN', 'SUCCEEDED', now() from submission");
            s.execute("insert into result (evaluation_id, version, metrics, predictions, truth_sha256, created_at)"
                    + " select id, 1, '" + ScoreJson.write(scored) + "', '', repeat('c', 64), now() from evaluation");
            s.execute("insert into result (evaluation_id, version, metrics, predictions, truth_sha256, created_at)"
                    + " select id, 2, '" + ScoreJson.writePretty(oneClass) + "', '', repeat('c', 64), now() from evaluation");

            flyway(null).migrate();

            try (ResultSet r = s.executeQuery("select pg_typeof(metrics)::text, metrics::text, kappa, auroc from result order by version")) {
                r.next();
                assertEquals("jsonb", r.getString(1));
                assertEquals(ScoreJson.write(scored), ScoreJson.write(ScoreJson.read(r.getString(2))));
                assertEquals(scored.overall().kappa(), r.getDouble(3));
                assertEquals(scored.overall().auroc(), r.getDouble(4));
                r.next();
                assertEquals(ScoreJson.write(oneClass), ScoreJson.write(ScoreJson.read(r.getString(2))));
                assertEquals(oneClass.overall().kappa(), (Double) r.getObject(3));
                assertNull(r.getObject(4), "an undefined AUROC stays null");
            }
            // V7: an evaluation that ran before compute accounting has nothing measured (not zero).
            try (ResultSet r = s.executeQuery("select cpu_seconds, gpu_seconds from evaluation")) {
                r.next();
                assertNull(r.getObject(1));
                assertNull(r.getObject(2));
            }
        }
    }
}

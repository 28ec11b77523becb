package org.muraarena.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.muraarena.competition.leaderboard.BoardChanges;
import org.muraarena.core.Hashing;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.json.ScoreJson;

/**
 * Writes teams and finished hidden runs straight into an arena database over plain JDBC, for tests
 * and benchmarks whose server runs in another process: the rows a worker would write (a tagged
 * submission, its SUCCEEDED hidden evaluation, its scored result), optionally released as the
 * Ladder would release an improvement. One transaction until {@link #commit}.
 */
public final class BoardSeeder implements AutoCloseable {
    private final Connection c;
    private final String truthSha256;

    /** @param truthSha256 the hash of the hidden labels the results are scored against */
    public BoardSeeder(String url, String user, String password, String truthSha256) throws SQLException {
        this.truthSha256 = truthSha256;
        c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(false);
    }

    public long team(String name) throws SQLException {
        return id("insert into team (name, token_hash, created_at) values (?, ?, ?) returning id",
                name, Hashing.sha256(UUID.randomUUID().toString()), Timestamp.from(Instant.now()));
    }

    /**
     * A tagged ONNX submission of {@code teamId} whose hidden run succeeded at {@code finishedAt} with
     * these stored predictions and their score; not released. Returns the evaluation's id.
     */
    public long run(long teamId, String model, String predictions, ScoreReport report, Instant finishedAt) throws SQLException {
        Timestamp tagged = Timestamp.from(finishedAt.minusSeconds(60));
        long submission = id("insert into submission (team_id, kind, model_name, manifest, sha256, size_bytes, created_at, tagged_at)"
                + " values (?, 'ONNX', ?, ?, ?, 1, ?, ?) returning id", teamId, model,
                "{\"name\": \"" + model + "\", \"aggregation\": \"mean\"}", "0".repeat(64), tagged, tagged);
        long evaluation = id("insert into evaluation (submission_id, phase, status, progress_done, progress_total, attempt,"
                + " queued_at, started_at, finished_at, provider) values (?, 'HIDDEN', 'SUCCEEDED', 1, 1, 1, ?, ?, ?, 'CPU') returning id",
                submission, tagged, tagged, Timestamp.from(finishedAt));
        id("insert into result (evaluation_id, version, metrics, predictions, truth_sha256, created_at, kappa, auroc)"
                + " values (?, 1, cast(? as jsonb), ?, ?, ?, ?, ?) returning id", evaluation, ScoreJson.write(report), predictions,
                truthSha256, Timestamp.from(finishedAt), report.overall().kappa(), report.overall().auroc());
        return evaluation;
    }

    /** Releases a run as the Ladder releases an improvement: it becomes its team's released best. */
    public void releaseAsBest(long teamId, long evaluationId, Instant at) throws SQLException {
        release(evaluationId, evaluationId, at);
        update("update team set released_best_evaluation_id = ? where id = ?", evaluationId, teamId);
    }

    /** Releases a run that did not beat its team's best {@code bestEvaluationId} (the Ladder said no). */
    public void release(long evaluationId, long bestEvaluationId, Instant at) throws SQLException {
        update("update evaluation set released_at = ?, ladder_improved = ?, ladder_best_id = ? where id = ?",
                Timestamp.from(at), evaluationId == bestEvaluationId, bestEvaluationId, evaluationId);
    }

    /** Tells the servers that the board changed, when this transaction commits (as {@link BoardChanges} does). */
    public void notifyBoard() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_notify(?, 'seeder')")) {
            s.setString(1, BoardChanges.CHANNEL);
            s.execute();
        }
    }

    public void commit() throws SQLException {
        c.commit();
    }

    private long id(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params)) {
            s.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}

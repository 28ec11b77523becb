package org.muraarena;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.muraarena.cli.Commands;
import org.muraarena.infra.postgres.EmbeddedPostgres;

/**
 * The packaged app's entry point: the first argument names a command, none means {@code serve}.
 * Offline commands ({@code score}, {@code generate-data}, ...) run before Quarkus boots, so they
 * start no HTTP server and touch no database. {@code serve} without a configured JDBC URL first
 * starts the private PostgreSQL under the data directory (docs/DESIGN.md), once per JVM; it stops with the JVM.
 * {@code worker} runs evaluations only, against a shared PostgreSQL (README: scale-out).
 */
@QuarkusMain
public class ArenaMain {
    public static void main(String... args) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("worker")) {
            worker();
        } else if (!command.equals("serve")) {
            System.exit(Commands.run(command, rest, System.out, System.err));
        }
        if (setting("quarkus.datasource.jdbc.url") == null) {
            startEmbeddedPostgres();
        }
        // No stop after Quarkus.run: in production it ends in System.exit, and the server's own shutdown hook
        // stops it; in dev mode (quarkus:dev) every live reload calls this main again in a new class loader,
        // and the server must outlive those restarts (the JDBC URL property set below makes them reuse it).
        Quarkus.run(rest);
    }

    /** Starts the private PostgreSQL once per JVM and points the datasource at it. */
    private static void startEmbeddedPostgres() {
        Path pgDir = Path.of(setting("arena.data-dir") == null ? "data" : setting("arena.data-dir"), "pg");
        EmbeddedPostgres database;
        try {
            database = EmbeddedPostgres.start(pgDir.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("cannot start the embedded PostgreSQL in " + pgDir.toAbsolutePath() + ": "
                    + e.getMessage() + "\n(or point QUARKUS_DATASOURCE_JDBC_URL at a PostgreSQL server)");
            System.exit(1);
            return;
        }
        database.stopAtExitAfter(Thread.currentThread()); // the thread about to run Quarkus
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.user());
        System.setProperty("quarkus.datasource.password", database.password());
    }

    /**
     * A worker process: the same app against the shared PostgreSQL, running evaluations only. It
     * seeds nothing, builds no leaderboard unless asked for one, and its HTTP port (health only)
     * listens on loopback, on a free port unless set.
     */
    private static void worker() {
        if (setting("quarkus.datasource.jdbc.url") == null) {
            System.err.println("a worker runs against the server's shared PostgreSQL: set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME/PASSWORD) to the server's database");
            System.exit(2);
        }
        System.setProperty("arena.worker.enabled", "true");
        System.setProperty("arena.demo", "false");
        defaultTo("arena.board.build-at-start", "false");
        defaultTo("quarkus.http.host", "127.0.0.1");
        defaultTo("quarkus.http.port", "0");
    }

    private static void defaultTo(String property, String value) {
        if (setting(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** A setting from a system property or its environment-variable form, before config exists. */
    private static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value;
    }
}

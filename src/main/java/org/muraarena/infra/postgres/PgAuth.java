package org.muraarena.infra.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * Password authentication of the embedded server and its JDBC side. The password is random, kept in
 * {@code <base>/password} (mode 0600, owned by this JVM's user), and required for every connection
 * (scram-sha-256), so other local users cannot log in as the superuser.
 */
final class PgAuth {

    static final String PASSWORD_FILE = "password";

    /** TCP on loopback only (there is no socket file), password always required. */
    private static final String HBA = "# Written by the embedded PostgreSQL launcher: loopback TCP only, password required.\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private final Path file;

    PgAuth(Path baseDir) {
        this.file = baseDir.resolve(PASSWORD_FILE);
    }

    boolean hasPassword() {
        return Files.isRegularFile(file);
    }

    /** The password, generated on first use: 192 random bits, URL-safe Base64 (no quoting needed in SQL). */
    String password() throws IOException {
        if (!hasPassword()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Path temp = Files.createTempFile(file.getParent(), ".password-",  "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** Whether pg_hba.conf still lets someone in without a password (data directories made before passwords). */
    static boolean trustsAnyone(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("pg_hba.conf"), StandardCharsets.UTF_8);
        return lines.stream().map(String::strip).anyMatch(l -> !l.startsWith("#") && l.matches(".*\\btrust\\b.*"));
    }

    /** Replaces initdb's pg_hba.conf (which allows replication and IPv6 too) with ours; keeps the file's owner. */
    static void writeHba(Path data) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
    }

    /**
     * Gives a data directory created with trust authentication its password, then requires it. The server
     * still trusts loopback until the reload, as it did before; this closes that for good.
     */
    void migrateFromTrust(Path data, String url, Duration timeout) throws IOException, SQLException {
        String password = password();
        try (Connection c = connect(url, "", timeout); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + EmbeddedPostgres.USER + " PASSWORD '" + password + "'");
            writeHba(data);
            s.execute("SELECT pg_reload_conf()");
        }
        System.err.println("[embedded-postgres] " + data + " used trust authentication; it now requires the password"
                + " in " + file);
    }

    /** Creates the application database if absent. */
    void createDatabase(String adminUrl, String database, Duration timeout) throws IOException, SQLException {
        try (Connection c = connect(adminUrl, password(), timeout);
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        // The name is validated by the builder, so quoting it as an identifier is safe.
                        s.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        }
    }

    /** The driver directly rather than DriverManager, which may not see it before Quarkus sets up class loading. */
    static Connection connect(String url, String password, Duration timeout) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgres.USER);
        p.setProperty("password", password);
        String seconds = Long.toString(Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
        p.setProperty("connectTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
        return new org.postgresql.Driver().connect(url, p);
    }
}

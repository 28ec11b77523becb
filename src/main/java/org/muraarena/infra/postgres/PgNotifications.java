package org.muraarena.infra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to one PostgreSQL notification channel on a connection of its own (a pooled one would be
 * handed to others between polls, and LISTEN belongs to a session), on one daemon thread. It waits
 * for notifications with pgjdbc's {@link PGConnection#getNotifications(int)} and a timeout, checks the
 * connection every {@code check} while idle (a server restart ends the wait with an error, a silently
 * dropped socket only shows on use), and reconnects after any failure with a growing pause of up to
 * 5 s. Notifications sent while it was disconnected are lost: {@link Handler#listening} is called
 * after every successful LISTEN, so that its user can catch up on what it missed.
 */
public final class PgNotifications implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** What the listener reports; called on its thread, one call at a time. */
    public interface Handler {
        /** LISTEN is in place on a fresh connection (the first, or after a reconnect). */
        void listening(boolean reconnected);

        /** Notifications arrived: their payloads, in order. */
        void notified(List<String> payloads);

        /** The connection failed or could not be opened; it is retried after {@code pause}. */
        void lost(Exception cause, Duration pause);
    }

    private final String url;
    private final Properties properties;
    private final String channel;
    private final Duration check;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts listening at once.
     *
     * @param channel a plain identifier (letters, digits, underscores), since LISTEN takes no parameter
     */
    public PgNotifications(String url, String user, String password, String channel, Duration check, Handler handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.url = url;
        this.properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "arena-listen-" + channel);
        this.channel = channel;
        this.check = check;
        this.handler = handler;
        this.thread = new Thread(this::run, "pg-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration pause = Duration.ofMillis(100);
        boolean reconnect = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                handler.listening(reconnect);
                pause = Duration.ofMillis(100);
                poll(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                handler.lost(e, pause);
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
            reconnect = true;
        }
    }

    private void poll(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] received = pg.getNotifications((int) WAIT.toMillis());
            if (received != null && received.length > 0) {
                List<String> payloads = new ArrayList<>(received.length);
                for (PGNotification n : received) {
                    payloads.add(n.getParameter());
                }
                handler.notified(payloads);
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > check.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops listening: the thread closes its connection when its current wait ends (within about
     * half a second; a connection is used by one thread only). Waits up to two seconds for it.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

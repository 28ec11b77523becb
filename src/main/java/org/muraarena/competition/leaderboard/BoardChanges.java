package org.muraarena.competition.leaderboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Tells every server process that the board changed, from inside the transaction that changed it:
 * a PostgreSQL {@code NOTIFY} on {@link #CHANNEL}, which PostgreSQL delivers to the listeners only
 * if and when that transaction commits (so never for a change that rolled back, and never before
 * the change is visible). Its payload names this process, whose own board is rebuilt straight
 * from the commit instead ({@link #onCommit}), without waiting for its own notification.
 *
 * <p>It also counts this process's board-changing transactions, so that a reader here never gets a
 * board older than a change this process has committed ({@link LeaderboardService#fresh}): one in
 * flight from just before its commit to just after, one committed from then on.
 */
@ApplicationScoped
public class BoardChanges {
    /** The PostgreSQL notification channel of board changes. */
    public static final String CHANNEL = "arena_board";
    private static final Object KEY = new Object();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;
    /** Names this process in its notifications. */
    private final String origin = UUID.randomUUID().toString();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong committed = new AtomicLong();
    private volatile Consumer<Boolean> onCompletion = committed -> { };

    public BoardChanges(EntityManager em, TransactionSynchronizationRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    /**
     * Records, in the current transaction, that it changes what the board shows (a release that moved
     * a team's best, a re-score). Once per transaction, however often it is called.
     */
    public void record() {
        if (registry.getResource(KEY) != null) {
            return;
        }
        registry.putResource(KEY, Boolean.TRUE);
        em.createNativeQuery("select cast(pg_notify(:channel, :origin) as text)")
                .setParameter("channel", CHANNEL).setParameter("origin", origin).getSingleResult();
        registry.registerInterposedSynchronization(new Synchronization() {
            private boolean counted;

            @Override
            public void beforeCompletion() {
                counted = true;
                inFlight.incrementAndGet();
            }

            @Override
            public void afterCompletion(int status) {
                boolean done = status == Status.STATUS_COMMITTED;
                if (done) {
                    committed.incrementAndGet();
                }
                if (counted) {
                    inFlight.decrementAndGet();
                }
                onCompletion.accept(done);
            }
        });
    }

    /** Whether a notification came from this process. */
    boolean ours(String payload) {
        return origin.equals(payload);
    }

    /** Board-changing transactions of this process between their last step and their outcome. */
    int inFlight() {
        return inFlight.get();
    }

    /** Board-changing transactions this process has committed since it started. */
    long committed() {
        return committed.get();
    }

    /** Called after each recorded transaction ends, with whether it committed. */
    void onCompletion(Consumer<Boolean> action) {
        this.onCompletion = action;
    }
}

package vn.hotline1022.messaging.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that must happen only once the current transaction has committed — waking a worker for rows it can now see,
 * pushing a change to a live stream — and never for a transaction that rolled back. One hook per key and
 * transaction, however often a transaction asks for it.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} after the current transaction commits; a second call with the same key adds nothing. */
    public void once(Object key, Runnable action) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /**
     * Collects {@code item} under {@code key} for this transaction. Just before it completes (the persistence context
     * still open) {@code beforeCommit} turns everything collected into a value, e.g. snapshots of entities; after a
     * commit, and only then, {@code afterCommit} receives that value.
     */
    public <T, R> void collect(Object key, T item, Function<List<T>, R> beforeCommit, Consumer<R> afterCommit) {
        @SuppressWarnings("unchecked")
        List<T> items = (List<T>) transactions.getResource(key);
        if (items != null) {
            items.add(item);
            return;
        }
        List<T> collected = new ArrayList<>();
        collected.add(item);
        transactions.putResource(key, collected);
        transactions.registerInterposedSynchronization(new Synchronization() {
            private R value;

            @Override
            public void beforeCompletion() {
                value = beforeCommit.apply(collected);
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    afterCommit.accept(value);
                }
            }
        });
    }
}

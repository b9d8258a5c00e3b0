package vn.hotline1022.messaging.sql;

import java.util.function.IntSupplier;

/** Work done in bounded batches, each its own transaction, so that no sweep holds many rows locked at once. */
public final class Batches {

    private Batches() {
    }

    /** Runs {@code batch} until it does less than a full {@code size}; answers how much was done in all. */
    public static int untilDone(int size, IntSupplier batch) {
        int total = 0;
        int done;
        do {
            done = batch.getAsInt();
            total += done;
        } while (done == size);
        return total;
    }
}

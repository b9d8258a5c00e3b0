package vn.hotline1022.messaging.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Background threads that work through rows in a table (outbox rows to publish, notices to send): each step handles
 * what is due and says whether more is waiting. Idle threads are woken at once by {@link #wakeUp()} — called after a
 * commit of this instance — and look again every poll interval for rows other instances committed. A failing step
 * backs off exponentially; a wake-up does not end a back-off, since what failed (the broker, the database) is what
 * the thread waits for.
 */
public final class PollingWorker {

    /** What a step found. */
    public enum Outcome {
        /** More is due: step again at once. */
        MORE,
        /** Nothing more is due: wait for a wake-up or the poll interval. */
        IDLE,
        /** It failed (the step has said why): wait, longer each time, up to the maximum back-off. */
        BACK_OFF
    }

    @FunctionalInterface
    public interface Step {
        Outcome run() throws Exception;
    }

    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Step step;
    private final Consumer<Exception> onError;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param onError told of a step's exception (the worker backs off and retries); the step itself reports failures
     *                it returns as {@link Outcome#BACK_OFF}
     */
    public PollingWorker(String name, int threads, Duration pollInterval, Duration maxBackoff, Step step,
            Consumer<Exception> onError) {
        this.name = name;
        this.threads = Math.max(1, threads);
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff.compareTo(pollInterval) < 0 ? pollInterval : maxBackoff;
        this.step = step;
        this.onError = onError;
    }

    public synchronized void start() {
        if (!running.isEmpty()) {
            return;
        }
        stopping = false;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, threads == 1 ? name : name + "-" + i);
            t.setDaemon(true);
            running.add(t);
            t.start();
        }
    }

    public boolean isRunning() {
        return !running.isEmpty() && !stopping;
    }

    /** Lets the current steps finish (up to {@code grace}), then interrupts what still runs. */
    public synchronized void stop(Duration grace) {
        if (running.isEmpty()) {
            return;
        }
        stopping = true;
        wakeUp.release(threads);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Thread t : running) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.clear();
    }

    /** Wakes an idle thread. Cheap, never blocks: for after-commit hooks. */
    public void wakeUp() {
        if (wakeUp.availablePermits() < threads) {
            wakeUp.release();
        }
    }

    private void loop() {
        long backoffMs = pollInterval.toMillis();
        while (!stopping) {
            Outcome outcome;
            try {
                outcome = step.run();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                onError.accept(e);
                outcome = Outcome.BACK_OFF;
            }
            try {
                switch (outcome) {
                    case MORE -> backoffMs = pollInterval.toMillis();
                    case IDLE -> {
                        backoffMs = pollInterval.toMillis();
                        wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    case BACK_OFF -> {
                        Thread.sleep(backoffMs);
                        backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

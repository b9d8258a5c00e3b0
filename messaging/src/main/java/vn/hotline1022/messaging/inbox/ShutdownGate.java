package vn.hotline1022.messaging.inbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Lets a stopping service finish the events it is handling, and handle no more: on shutdown, handlers already running
 * complete (the database is still open while shutdown observers run), and an event that arrives afterwards, or fails
 * because the database has closed meanwhile, is left unacknowledged, never dead-lettered. Its offset is not committed,
 * so another instance, or this one after its restart, handles it: a rolling update loses and dead-letters nothing.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    /** How long shutdown waits for running handlers: well inside the service's shutdown timeout. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private volatile boolean stopping;

    /** Before handling an event; false once the service is stopping (the caller must then not handle it). */
    boolean enter() {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            running++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void exit() {
        lock.lock();
        try {
            running--;
            if (running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** Early among shutdown observers, before the consumers and the database go. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            long left = DRAIN.toNanos();
            while (running > 0 && left > 0) {
                left = idle.awaitNanos(left);
            }
            if (running > 0) {
                LOG.warnf("Stopping with %d event(s) still being handled; they will be handled again", running);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the consumer's thread until the process ends, so the event is neither acknowledged nor sent to the
     * dead-letter topic: the uncommitted offset brings it back to whichever instance reads the partition next.
     */
    static void holdUntilExit() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
        }
    }
}

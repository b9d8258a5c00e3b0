package vn.hotline1022.notification.notices;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The console's live feed: every delivery-log row as it is recorded and each time its status changes, after the
 * change is committed. In memory and per instance: a console that reconnects reads the log for what it missed.
 */
@ApplicationScoped
public class NoticeStream {

    private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();

    /** Subscribers get what is published after they subscribe; a slow one drops rather than holding the others. */
    public Multi<Notification> subscribe() {
        return processor.onOverflow().drop();
    }

    /** Reactive Streams wants one signal at a time; senders and consumers call from several threads. */
    public synchronized void publish(Notification snapshot) {
        processor.onNext(snapshot);
    }
}

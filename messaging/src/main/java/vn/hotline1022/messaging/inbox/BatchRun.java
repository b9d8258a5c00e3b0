package vn.hotline1022.messaging.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import vn.hotline1022.events.EventType;

/**
 * One polled batch through the inbox. The wanted events are handled in one transaction, each claimed in the inbox on
 * its own. When a handler fails, that transaction is rolled back and the batch is split around the failure: the
 * events before it are handled together again, the failing one alone with its remaining attempts (then the
 * dead-letter topic), the rest together. A failure at commit, which names no event, sends each event through alone.
 * Poison records go to the dead-letter topic one by one; the batch is acknowledged only after every dead letter is
 * written, so its committed offset never passes a record that is neither handled nor dead-lettered.
 */
final class BatchRun {

    private static final Logger LOG = Logger.getLogger(BatchRun.class);
    private static final int ALL_HANDLED = -1;
    private static final int COMMIT_FAILED = Integer.MAX_VALUE;

    private final Inbox inbox;
    private final String consumer;
    private final EventHandler handler;
    private final int maxAttempts;
    private final List<CompletableFuture<Void>> deadLetters = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Item(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            ReceivedEvent event) {
    }

    /** The handler of the event at {@code index} (of those tried together) failed. */
    private static final class FailedAt extends RuntimeException {
        final int index;

        FailedAt(int index, Throwable cause) {
            super(cause.toString(), cause, false, false);
            this.index = index;
        }
    }

    BatchRun(Inbox inbox, String consumer, EventHandler handler, int maxAttempts) {
        this.inbox = inbox;
        this.consumer = consumer;
        this.handler = handler;
        this.maxAttempts = maxAttempts;
    }

    void run(KafkaRecordBatch<String, String> batch, Set<EventType> wanted) {
        List<Item> events = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow().getRecord();
            try {
                ReceivedEvent event = EventDecoder.decode(record, wanted);
                if (event != null) {
                    events.add(new Item(message, record, event));
                }
            } catch (PoisonMessageException e) {
                deadLetter(message, e);
            }
        }
        if (!events.isEmpty()) {
            inbox.enterOrHold();
            try {
                handleByPartition(events);
            } finally {
                inbox.exit();
            }
        }
        CompletableFuture<?>[] written;
        synchronized (deadLetters) {
            written = deadLetters.toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(written).join();
        batch.ack().toCompletableFuture().join();
    }

    /**
     * A consumer thread waits on the database most of the time, so the partitions of a batch are handled side by
     * side (each partition's events in order, in transactions of their own); this thread takes the first.
     */
    private void handleByPartition(List<Item> events) {
        Map<Integer, List<Item>> byPartition = new LinkedHashMap<>();
        events.forEach(e -> byPartition.computeIfAbsent(e.record().partition(), p -> new ArrayList<>()).add(e));
        List<List<Item>> parts = new ArrayList<>(byPartition.values());
        if (parts.size() == 1 || inbox.partitionWorkers() == null) {
            // In the order polled: a partition's events are first come, first served (the first emergency gets the
            // free ambulance), so they are never reordered, not even across keys.
            handle(events);
            return;
        }
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (List<Item> part : parts.subList(1, parts.size())) {
            others.add(CompletableFuture.runAsync(() -> handle(part), inbox.partitionWorkers()));
        }
        handle(parts.get(0));
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
    }

    private void handle(List<Item> events) {
        int from = 0;
        while (from < events.size()) {
            List<Item> rest = events.subList(from, events.size());
            int failed = together(rest);
            if (failed == ALL_HANDLED) {
                return;
            }
            if (failed == COMMIT_FAILED) {
                rest.forEach(item -> alone(item, 1));
                return;
            }
            if (failed > 0) {
                handle(rest.subList(0, failed));
            }
            alone(rest.get(failed), 2);
            from += failed + 1;
        }
    }

    /** Handles {@code items} in one transaction: {@link #ALL_HANDLED}, the failing handler's index, or commit failure. */
    private int together(List<Item> items) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < items.size(); i++) {
                    Item item = items.get(i);
                    int index = i;
                    inbox.inSpan(consumer, item.record(), item.event(), () -> {
                        try {
                            boolean handled = inbox.claimAndHandle(consumer, item.event(), handler);
                            if (handled) { // a duplicate changed nothing to flush
                                inbox.betweenEvents(); // a flush failing here is this event's
                            }
                            return handled;
                        } catch (Exception e) {
                            throw new FailedAt(index, e);
                        }
                    });
                }
            });
            return ALL_HANDLED;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof FailedAt failed) {
                    inbox.holdIfStopping(items.get(failed.index).event(), failed.getCause());
                    LOG.debugf("%s failed in a batch, retried alone: %s", items.get(failed.index).event(),
                            failed.getCause());
                    return failed.index;
                }
            }
            inbox.holdIfStopping("a batch of " + items.size() + " events", e);
            LOG.warnf("A batch of %d events failed to commit, each is handled alone: %s", items.size(), e);
            return COMMIT_FAILED;
        }
    }

    private void alone(Item item, int firstAttempt) {
        if (firstAttempt > maxAttempts) {
            deadLetter(item.message(), new HandlerFailedException(
                    consumer + " failed on " + item.event().type().ceType() + " " + item.event().id(), null));
            return;
        }
        try {
            inbox.inSpan(consumer, item.record(), item.event(),
                    () -> inbox.handle(consumer, item.event(), handler, firstAttempt));
        } catch (HandlerFailedException e) {
            deadLetter(item.message(), e);
        }
    }

    private void deadLetter(KafkaRecord<String, String> message, RuntimeException reason) {
        deadLetters.add(message.nack(reason).toCompletableFuture());
    }
}

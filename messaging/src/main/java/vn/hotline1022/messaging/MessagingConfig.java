package vn.hotline1022.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the shared messaging library; the defaults suit production, tests shorten a few timeouts. */
@ConfigMapping(prefix = "hotline.messaging")
public interface MessagingConfig {

    Outbox outbox();

    /**
     * Short names of the services whose topics this service reads, e.g. {@code intake,dispatch}: read at start-up by
     * {@link vn.hotline1022.messaging.channels.ConsumerChannels}, which derives the channels from it.
     */
    java.util.Optional<String> consumes();

    Inbox inbox();

    interface Outbox {
        /** Whether this instance runs a relay. Several instances may: they share the work safely. */
        @WithDefault("true")
        boolean relayEnabled();

        /** Rows published per database transaction. */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the relay looks for rows committed by other instances. Rows written by this instance wake it at
         * once, so this bounds only cross-instance latency.
         */
        @WithDefault("500ms")
        Duration pollInterval();

        /** The longest pause between attempts while Kafka is unreachable (doubling from the poll interval). */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * Number of key buckets. Each bucket is published by one relay at a time (an advisory lock), which keeps
         * events of one case in order even with several relays; more buckets spread the work wider.
         */
        @WithDefault("16")
        int buckets();

        /** Upper bound for Kafka to acknowledge a record (acks=all) before the batch is retried. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** Published rows are kept this long for audit and replay, then deleted. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Inbox {
        /** Attempts of a failing handler before its message goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the second attempt; it grows linearly with each further attempt. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * Partitions of one polled batch handled at the same time, each in its own transaction (events of one
         * partition, hence of one key, stay in order). 1 (the default) handles a batch on the consumer's thread
         * alone: measured, side-by-side batches in relief took the same rows in different orders (one batch holds a
         * household while the next event wants a programme row), deadlocked and were retried, and relief was no faster.
         */
        @WithDefault("1")
        int partitionConcurrency();

        /** Handled event ids are kept this long; redeliveries older than that are not expected. */
        @WithDefault("P30D")
        Duration retention();
    }
}

package vn.hotline1022.ops.flow;

/** A topic as last sampled: its partitions, the sum of their end offsets, and messages per second lately. */
public record TopicFlow(String topic, boolean deadLetterTopic, int partitions, long endOffset, double ratePerSecond1m,
        double ratePerSecond5m) {
}

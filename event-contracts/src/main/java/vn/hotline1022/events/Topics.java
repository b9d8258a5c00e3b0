package vn.hotline1022.events;

/** Kafka topic names: one topic per owning service, so a topic has exactly one writer. */
public final class Topics {

    public static final String INTAKE = "hotline.intake.events";
    public static final String DISPATCH = "hotline.dispatch.events";
    public static final String REFERRAL = "hotline.referral.events";
    public static final String RELIEF = "hotline.relief.events";
    public static final String NOTIFICATION = "hotline.notification.events";
    public static final String OPS = "hotline.ops.events";
    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /**
     * Dead-letter topic for one consumer of one topic. Per consumer, so that replaying it after a fix reaches only
     * the service that failed.
     */
    public static String dlq(String topic, String consumer) {
        return topic + "." + consumer + DLQ_SUFFIX;
    }

    /** The topic whose letters a {@link #dlq} topic holds, or null for a name {@link #dlq} does not make. */
    public static String deadLettersOf(String deadLetterTopic) {
        for (Service service : Service.values()) {
            if (deadLetterConsumer(deadLetterTopic, service.topic()) != null) {
                return service.topic();
            }
        }
        return null;
    }

    /** The consumer named in a {@link #dlq} topic of {@code topic}, or null when it is not one. */
    public static String deadLetterConsumer(String deadLetterTopic, String topic) {
        if (deadLetterTopic == null || topic == null) {
            return null;
        }
        String prefix = topic + ".";
        if (!deadLetterTopic.startsWith(prefix) || !deadLetterTopic.endsWith(DLQ_SUFFIX)
                || deadLetterTopic.length() <= prefix.length() + DLQ_SUFFIX.length()) {
            return null;
        }
        return deadLetterTopic.substring(prefix.length(), deadLetterTopic.length() - DLQ_SUFFIX.length());
    }
}

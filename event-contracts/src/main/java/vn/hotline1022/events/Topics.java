package vn.hotline1022.events;

/** Kafka topic names: one topic per owning service, so a topic has exactly one writer. */
public final class Topics {

    public static final String INTAKE = "hotline.intake.events";
    public static final String DISPATCH = "hotline.dispatch.events";
    public static final String REFERRAL = "hotline.referral.events";
    public static final String RELIEF = "hotline.relief.events";
    public static final String NOTIFICATION = "hotline.notification.events";
    public static final String OPS = "hotline.ops.events";

    private Topics() {
    }

    /**
     * Dead-letter topic for one consumer of one topic. Per consumer, so that replaying it after a fix reaches only
     * the service that failed.
     */
    public static String dlq(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }
}

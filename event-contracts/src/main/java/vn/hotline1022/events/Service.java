package vn.hotline1022.events;

/** The service that owns, and alone publishes, a group of events. */
public enum Service {
    INTAKE("intake", Topics.INTAKE),
    DISPATCH("dispatch", Topics.DISPATCH),
    REFERRAL("referral", Topics.REFERRAL),
    RELIEF("relief", Topics.RELIEF),
    NOTIFICATION("notification", Topics.NOTIFICATION),
    OPS("ops", Topics.OPS);

    private final String shortName;
    private final String topic;

    Service(String shortName, String topic) {
        this.shortName = shortName;
        this.topic = topic;
    }

    /** Used inside CloudEvents types, e.g. {@code intake}. */
    public String shortName() {
        return shortName;
    }

    /** e.g. {@code intake-service}: the Maven module and the deployed application name. */
    public String serviceName() {
        return shortName + "-service";
    }

    public String topic() {
        return topic;
    }

    /** CloudEvents {@code source} attribute, e.g. {@code /hotline1022/intake-service}. */
    public String source() {
        return "/hotline1022/" + serviceName();
    }
}

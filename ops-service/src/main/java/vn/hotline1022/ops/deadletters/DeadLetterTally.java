package vn.hotline1022.ops.deadletters;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.ops.flow.FlowSnapshot;

/**
 * Dead letters counted once per sample, per dead-letter topic and status. It observes the sample before the overview,
 * the gauges and the alert rules (lower priority runs first), which all read this one count.
 */
@ApplicationScoped
public class DeadLetterTally {

    /** Before the default observer priority (2500), so every other observer of the sample sees this sample's count. */
    static final int FIRST = 1000;

    public record Count(String deadLetterTopic, DeadLetter.Status status, long letters) {
    }

    @Inject
    Jdbc jdbc;

    private volatile List<Count> latest = List.of();

    void onSample(@Observes @Priority(FIRST) FlowSnapshot flow) {
        latest = jdbc.query("select dead_letter_topic, status, count(*) from dead_letter "
                + "group by dead_letter_topic, status order by dead_letter_topic",
                rs -> new Count(rs.getString(1), DeadLetter.Status.valueOf(rs.getString(2)), rs.getLong(3)));
    }

    /** Per dead-letter topic and status, as counted at the last sample. */
    public List<Count> latest() {
        return latest;
    }

    /** Letters per status over all topics; every status present, 0 when none. */
    public Map<DeadLetter.Status, Long> perStatus() {
        Map<DeadLetter.Status, Long> counts = new EnumMap<>(DeadLetter.Status.class);
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            counts.put(s, 0L);
        }
        latest.forEach(c -> counts.merge(c.status(), c.letters(), Long::sum));
        return counts;
    }

    /** NEW letters per dead-letter topic. */
    public Map<String, Long> newPerTopic() {
        Map<String, Long> perTopic = new TreeMap<>();
        latest.stream().filter(c -> c.status() == DeadLetter.Status.NEW)
                .forEach(c -> perTopic.put(c.deadLetterTopic(), c.letters()));
        return perTopic;
    }
}

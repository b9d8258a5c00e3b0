package vn.hotline1022.ops.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which dead letters a list or a bulk replay is about; null fields do not filter. */
public record DeadLetterFilter(String topic, String consumer, String type, Instant from, DeadLetter.Status status) {

    /** JPQL after {@code from DeadLetter d}, with its parameters appended to {@code params}. */
    String where(List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (topic != null) {
            params.add(topic);
            terms.add("(d.originalTopic = ?" + params.size() + " or d.deadLetterTopic = ?" + params.size() + ")");
        }
        if (consumer != null) {
            params.add(consumer);
            terms.add("d.consumer = ?" + params.size());
        }
        if (type != null) {
            params.add(type);
            terms.add("(d.ceType = ?" + params.size() + " or d.ceType like concat('%.', ?" + params.size()
                    + ", '.v%'))");
        }
        if (from != null) {
            params.add(from);
            terms.add("d.receivedAt >= ?" + params.size());
        }
        if (status != null) {
            params.add(status);
            terms.add("d.status = ?" + params.size());
        }
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }
}

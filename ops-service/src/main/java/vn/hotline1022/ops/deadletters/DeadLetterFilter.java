package vn.hotline1022.ops.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which dead letters a list or a bulk replay is about; null fields do not filter. */
public record DeadLetterFilter(String topic, String consumer, String type, Instant from, DeadLetter.Status status) {

    /** SQL after {@code from dead_letter}, with its parameters appended to {@code params} in order. */
    String where(List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (topic != null) {
            params.add(topic);
            params.add(topic);
            terms.add("(original_topic = ? or dead_letter_topic = ?)");
        }
        if (consumer != null) {
            params.add(consumer);
            terms.add("consumer = ?");
        }
        if (type != null) {
            params.add(type);
            params.add(type);
            terms.add("(ce_type = ? or ce_type like '%.' || ? || '.v%')");
        }
        if (from != null) {
            params.add(from);
            terms.add("received_at >= ?");
        }
        if (status != null) {
            params.add(status);
            terms.add("status = ?");
        }
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }
}

package vn.hotline1022.messaging;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Small helpers shared by the library's tests. */
public final class TestSupport {
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestSupport() {
    }

    /** Reads {@code topic} from the start until {@code expected} matching records arrived; returns the matches. */
    public static List<ConsumerRecord<String, String>> awaitRecords(KafkaCompanion companion, String topic,
            Predicate<ConsumerRecord<String, String>> filter, int expected) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic);
        try {
            await().atMost(PATIENCE).until(() -> task.stream().filter(filter).count() >= expected);
            return task.stream().filter(filter).toList();
        } finally {
            task.stop();
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The first column of the first row as text; null for SQL null. */
    public static String text(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

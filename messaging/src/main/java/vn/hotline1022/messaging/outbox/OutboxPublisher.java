package vn.hotline1022.messaging.outbox;

import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

import vn.hotline1022.messaging.cloudevents.CloudEventHeaders;
import vn.hotline1022.messaging.tracing.TraceContext;

/**
 * Publishes one batch of outbox rows: the unit of work of the relay, kept free of CDI so that tests can run several
 * of them side by side as several service instances would.
 *
 * <p>Safety with several relays: a row is only taken by the relay holding its key bucket's advisory lock
 * (transaction-scoped), and then with {@code FOR UPDATE SKIP LOCKED}, so no two relays publish the same row and the
 * events of one key are published by one relay at a time, in {@code seq} order. Delivery is at-least-once (a crash between
 * Kafka's acknowledgement and the commit re-sends the batch); consumers drop the repeat through their inbox.
 */
public final class OutboxPublisher {

    private static final String BUCKET = "mod(hashtext(record_key) & 2147483647, ?)";

    /**
     * Step one: take every free bucket that has work. Only after holding a bucket does step two look at its rows,
     * with a fresh snapshot that includes everything the previous holder committed; looking at rows and locking in
     * one statement would let a row seen before a lock was released be skipped while a later row of its key is taken.
     */
    private static final String LOCK_BUCKETS = """
            select bucket
              from (select distinct %s as bucket
                      from messaging_outbox
                     where published_at is null
                    offset 0) pending
             where %s
            """.formatted(BUCKET, AdvisoryLocks.tryLockCondition(LockSpace.OUTBOX_BUCKET, "bucket"));

    /** Step two: the oldest rows of the buckets held, in publication order. */
    private static final String SELECT = """
            select seq, event_id, topic, record_key, ce_type, ce_source, occurred_at, payload, trace_parent, trace_state
              from messaging_outbox
             where published_at is null
               and %s = any(?)
             order by seq
             limit ?
               for update skip locked
            """.formatted(BUCKET);
    private static final String MARK = "update messaging_outbox set published_at = now() where seq = any(?)";

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final int buckets;

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, int batchSize, int buckets) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.buckets = buckets;
    }

    /** What one batch did. {@code failure} is the first Kafka error; its rows (and later rows of its key) wait. */
    public record BatchResult(int selected, int published, Exception failure) {
        public boolean full(int batchSize) {
            return selected >= batchSize && failure == null;
        }
    }

    public BatchResult publishBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                BatchResult result = publish(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private BatchResult publish(Connection c) throws SQLException {
        List<Row> rows = select(c);
        if (rows.isEmpty()) {
            return new BatchResult(0, 0, null);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Future<RecordMetadata> f = producer.send(row.toRecord());
            sent.add(f);
            if (f.isDone() && failed(f)) {
                break; // e.g. no metadata while Kafka is down: later sends would each block as long again
            }
        }
        producer.flush();

        List<Long> published = new ArrayList<>(sent.size());
        Set<String> blockedKeys = new HashSet<>();
        Exception failure = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i >= sent.size() || blockedKeys.contains(row.key())) {
                blockedKeys.add(row.key());
                continue;
            }
            try {
                sent.get(i).get();
                published.add(row.seq());
            } catch (ExecutionException e) {
                // Keep the key's order: nothing after a failed row of the same key is marked, it is sent again.
                blockedKeys.add(row.key());
                failure = failure == null ? (Exception) e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }
        if (failure == null && published.size() < rows.size()) {
            failure = new IllegalStateException("Kafka refused the batch");
        }
        mark(c, published);
        return new BatchResult(rows.size(), published.size(), failure);
    }

    private List<Row> select(Connection c) throws SQLException {
        List<Integer> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK_BUCKETS)) {
            ps.setInt(1, buckets);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getInt(1));
                }
            }
        }
        if (held.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, buckets);
            ps.setArray(2, c.createArrayOf("integer", held.toArray()));
            ps.setInt(3, batchSize);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7), rs.getString(8),
                            TraceContext.of(rs.getString(9), rs.getString(10))));
                }
            }
            return rows;
        }
    }

    private static void mark(Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private static boolean failed(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** {@code trace}: where the event was written, if in a trace; null otherwise. */
    private record Row(long seq, UUID eventId, String topic, String key, String type, String source,
            Timestamp occurredAt, String payload, TraceContext trace) {
        ProducerRecord<String, String> toRecord() {
            var attributes = new CloudEventHeaders.Attributes(eventId, type, source, occurredAt.toInstant(), key);
            Headers headers = CloudEventHeaders.toHeaders(attributes);
            if (trace != null) {
                trace.addTo(headers); // consumers continue the writer's trace
            }
            return new ProducerRecord<>(topic, null, key, payload, headers);
        }
    }
}

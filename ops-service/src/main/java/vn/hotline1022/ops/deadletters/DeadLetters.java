package vn.hotline1022.ops.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.ops.kafka.KafkaClients;

/**
 * Dead letters: listed, read with personal data masked, replayed to their original topic with the same CloudEvents
 * id, or discarded with a reason. Each letter is handled once: its row is locked, and a letter that is no longer NEW is
 * refused. A replay is sent before its row is marked; if this service dies in between, the letter stays NEW and may be
 * replayed again — harmless, since every consumer's inbox drops a {@code ce_id} it has handled.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final int MAX_LISTED = 200;
    /** What a single bulk replay sends at most; ops repeat it for more. */
    static final int MAX_BULK = 500;

    @Inject
    KafkaClients kafka;

    @Inject
    OriginalRecords originals;

    @Inject
    ObjectMapper json;

    @Inject
    Jdbc jdbc;

    public List<DeadLetter> list(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        return jdbc.query("select " + DeadLetter.COLUMNS + " from dead_letter" + where
                + " order by received_at desc limit " + MAX_LISTED, rs -> DeadLetter.read(rs, json), params.toArray());
    }

    public DeadLetter get(UUID id) {
        return jdbc.first("select " + DeadLetter.COLUMNS + " from dead_letter where id = ?",
                rs -> DeadLetter.read(rs, json), id)
                .orElseThrow(() -> ProblemException.notFound("Dead letter " + id));
    }

    /** The payload as ops may read it. */
    public String maskedPayload(DeadLetter d) {
        return PayloadMasking.masked(d.payload, json);
    }

    @Transactional
    public DeadLetter replay(UUID id, String user) {
        DeadLetter d = lockNew(id);
        send(d, user);
        mark(d, DeadLetter.Status.REPLAYED, null, user);
        LOG.infof("Dead letter %s (%s %s) replayed to %s by %s", d.id, d.ceType, d.ceId, d.originalTopic, user);
        return d;
    }

    /** Replays the NEW letters the filter selects, oldest first, each in its own transaction. */
    public int replayAll(DeadLetterFilter filter, String user) {
        DeadLetterFilter onlyNew = new DeadLetterFilter(filter.topic(), filter.consumer(), filter.type(), filter.from(),
                DeadLetter.Status.NEW);
        List<Object> params = new ArrayList<>();
        String where = onlyNew.where(params);
        List<UUID> ids = jdbc.query("select id from dead_letter" + where + " order by received_at limit " + MAX_BULK,
                rs -> rs.getObject(1, UUID.class), params.toArray());
        int replayed = 0;
        for (UUID id : ids) {
            try {
                replay(id, user); // its own transaction: one letter's failure leaves the others replayed
                replayed++;
            } catch (ProblemException e) {
                // Replayed or discarded by someone else meanwhile: not this call's to count.
            }
        }
        return replayed;
    }

    @Transactional
    public DeadLetter discard(UUID id, String reason, String user) {
        DeadLetter d = lockNew(id);
        mark(d, DeadLetter.Status.DISCARDED, reason, user);
        LOG.infof("Dead letter %s (%s %s) discarded by %s", d.id, d.ceType, d.ceId, user);
        return d;
    }

    private void mark(DeadLetter d, DeadLetter.Status status, String reason, String user) {
        d.status = status;
        d.reason = reason;
        d.handledBy = user;
        d.handledAt = Instant.now();
        jdbc.update("update dead_letter set status = ?, reason = ?, handled_by = ?, handled_at = ? where id = ?",
                d.status, d.reason, d.handledBy, d.handledAt, d.id);
    }

    private DeadLetter lockNew(UUID id) {
        DeadLetter d = jdbc.first("select " + DeadLetter.COLUMNS + " from dead_letter where id = ? for update",
                rs -> DeadLetter.read(rs, json), id)
                .orElseThrow(() -> ProblemException.notFound("Dead letter " + id));
        if (d.status != DeadLetter.Status.NEW) {
            throw ProblemException.conflict("Dead letter " + id + " was already " + d.status.name().toLowerCase(java.util.Locale.ROOT)
                    + " by " + d.handledBy + " at " + d.handledAt);
        }
        if (d.originalTopic == null) {
            throw ProblemException.conflict("Dead letter " + id + " does not say which topic it came from");
        }
        return d;
    }

    /**
     * The original record again, as its topic holds it (key, value and headers), once {@link OriginalRecords} found it
     * to be the letter's record; a letter that cannot be verified is refused and stays NEW.
     */
    private void send(DeadLetter d, String user) {
        org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> original = originals.of(d)
                .orElseThrow(() -> ProblemException.conflict("Dead letter " + d.id + " cannot be verified against "
                        + d.originalTopic + ": the record it names is not there or is not the same; not replayed"));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(d.originalTopic, original.key(),
                original.value());
        original.headers().forEach(h -> record.headers().add(h.key(), h.value()));
        record.headers().add("hotline-replayed-by", user.getBytes(StandardCharsets.UTF_8));
        try {
            kafka.producer().send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + d.id, e);
        } catch (Exception e) {
            throw ProblemException.unavailable("Kafka did not take the replay of " + d.id + " ("
                    + e.getClass().getSimpleName() + "); the letter stays NEW");
        }
    }
}

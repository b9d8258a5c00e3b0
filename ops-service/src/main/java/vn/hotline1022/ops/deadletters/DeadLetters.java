package vn.hotline1022.ops.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.commons.web.ProblemException;
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
    ObjectMapper json;

    @Transactional
    public List<DeadLetter> list(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        return DeadLetter.find("from DeadLetter d" + where + " order by d.receivedAt desc", params.toArray())
                .page(0, MAX_LISTED).list();
    }

    @Transactional
    public DeadLetter get(UUID id) {
        DeadLetter d = DeadLetter.findById(id);
        if (d == null) {
            throw ProblemException.notFound("Dead letter " + id);
        }
        return d;
    }

    /** The payload as ops may read it. */
    public String maskedPayload(DeadLetter d) {
        return PayloadMasking.masked(d.payload, json);
    }

    @Transactional
    public Map<DeadLetter.Status, Long> counts() {
        Map<DeadLetter.Status, Long> counts = new java.util.EnumMap<>(DeadLetter.Status.class);
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            counts.put(s, DeadLetter.count("status", s));
        }
        return counts;
    }

    /** NEW letters per dead-letter topic. */
    @Transactional
    public Map<String, Long> newPerTopic() {
        Map<String, Long> perTopic = new java.util.TreeMap<>();
        DeadLetter.getEntityManager()
                .createQuery("select d.deadLetterTopic, count(d) from DeadLetter d where d.status = ?1 "
                        + "group by d.deadLetterTopic", Object[].class)
                .setParameter(1, DeadLetter.Status.NEW).getResultList()
                .forEach(r -> perTopic.put((String) r[0], (Long) r[1]));
        return perTopic;
    }

    @Transactional
    public DeadLetter replay(UUID id, String user) {
        DeadLetter d = lockNew(id);
        send(d, user);
        d.status = DeadLetter.Status.REPLAYED;
        d.handledBy = user;
        d.handledAt = Instant.now();
        LOG.infof("Dead letter %s (%s %s) replayed to %s by %s", d.id, d.ceType, d.ceId, d.originalTopic, user);
        return d;
    }

    /** Replays the NEW letters the filter selects, oldest first, each in its own transaction. */
    public int replayAll(DeadLetterFilter filter, String user) {
        DeadLetterFilter onlyNew = new DeadLetterFilter(filter.topic(), filter.consumer(), filter.type(), filter.from(),
                DeadLetter.Status.NEW);
        List<Object> params = new ArrayList<>();
        String where = onlyNew.where(params);
        var query = DeadLetter.getEntityManager()
                .createQuery("select d.id from DeadLetter d" + where + " order by d.receivedAt", UUID.class)
                .setMaxResults(MAX_BULK);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        List<UUID> ids = query.getResultList();
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
        d.status = DeadLetter.Status.DISCARDED;
        d.reason = reason;
        d.handledBy = user;
        d.handledAt = Instant.now();
        LOG.infof("Dead letter %s (%s %s) discarded by %s", d.id, d.ceType, d.ceId, user);
        return d;
    }

    private DeadLetter lockNew(UUID id) {
        DeadLetter d = DeadLetter.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("Dead letter " + id);
        }
        if (d.status != DeadLetter.Status.NEW) {
            throw ProblemException.conflict("Dead letter " + id + " was already " + d.status.name().toLowerCase(java.util.Locale.ROOT)
                    + " by " + d.handledBy + " at " + d.handledAt);
        }
        if (d.originalTopic == null) {
            throw ProblemException.conflict("Dead letter " + id + " does not say which topic it came from");
        }
        return d;
    }

    /** The original record again: same key, value and headers (SmallRye's dead-letter-* ones dropped). */
    private void send(DeadLetter d, String user) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(d.originalTopic, d.recordKey, d.payload);
        d.headers.forEach((name, value) -> {
            if (!name.startsWith("dead-letter-") && value != null) {
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
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

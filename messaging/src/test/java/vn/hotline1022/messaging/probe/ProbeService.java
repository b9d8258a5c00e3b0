package vn.hotline1022.messaging.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.messaging.outbox.Outbox;

@ApplicationScoped
public class ProbeService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** A state change and its event, in one transaction. Returns the event id. */
    @Transactional
    public UUID changeAndPublish(UUID caseId, String reason) {
        ProbeNote note = new ProbeNote();
        note.id = UUID.randomUUID();
        note.caseId = caseId;
        note.text = reason;
        em.persist(note);
        return outbox.publish(new CaseReopened(caseId, "BD-20210817-0001", Instant.now(), reason));
    }

    /** The same, but the transaction fails after the event was written. */
    @Transactional
    public void changePublishAndFail(UUID caseId, String reason) {
        changeAndPublish(caseId, reason);
        throw new IllegalStateException("business rule violated after publishing");
    }

    /** Many events of several cases in one transaction, interleaved; returns the event ids per case in order. */
    @Transactional
    public Map<String, List<String>> publishMany(List<UUID> cases, int perCase) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (int step = 0; step < perCase; step++) {
            for (UUID caseId : cases) {
                UUID id = outbox.publish(new CaseReopened(caseId, "BD-20210817-0002", Instant.now(), "bulk-" + step));
                ids.computeIfAbsent(caseId.toString(), k -> new ArrayList<>()).add(id.toString());
            }
        }
        return ids;
    }
}

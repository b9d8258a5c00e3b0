package vn.hotline1022.dispatch.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.messaging.sql.Batches;
import vn.hotline1022.dispatch.DispatchConfig;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseNeedsChanged;

/**
 * The household's address and phone, for the team sent there and for dispatchers only, and only while it is needed
 * (Decree 13/2023): kept from the call while the case may get a team ({@code contact-unassigned-keep}), for as long as
 * an assignment is live, and {@code contact-grace} after its visit is completed; then the personal fields are nulled
 * by {@link #eraseDue}. Nothing of it is ever logged (only counts) or put in an event.
 */
@ApplicationScoped
public class HouseholdContacts {

    private static final Logger LOG = Logger.getLogger(HouseholdContacts.class);
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    DispatchConfig config;

    /** Runs inside the inbox transaction of the CallReceived event, before the dispatcher sees it. */
    public void onCallReceived(CallReceived call) {
        if (call.needs().stream().noneMatch(Need::needsFieldTeam) || call.location() == null) {
            return; // no team will go there: nothing to keep
        }
        if (HouseholdContact.findById(call.caseId()) != null) {
            return; // the same call published again
        }
        HouseholdContact c = new HouseholdContact();
        c.caseId = call.caseId();
        c.caseCode = call.caseCode() == null ? "" : call.caseCode();
        Caller caller = call.caller();
        c.phone = caller == null ? null : blankToNull(caller.phone());
        c.callerName = caller == null ? null : blankToNull(caller.name());
        c.notes = blankToNull(call.notes());
        c.receivedAt = call.occurredAt();
        c.eraseAfter = call.occurredAt().plus(config.contactUnassignedKeep());
        place(c, call.location(), call.needs());
        c.persist();
    }

    /** A repeat call added needs: the case may now need a team; the address is the case's current one. */
    public void onCaseNeedsChanged(CaseNeedsChanged e) {
        onLaterEvent(e.caseId(), e.caseCode(), e.occurredAt(), e.location(), e.needs());
    }

    public void onCaseEscalated(CaseEscalated e) {
        onLaterEvent(e.caseId(), e.caseCode(), e.occurredAt(), e.location(), e.needs());
    }

    private void onLaterEvent(UUID caseId, String caseCode, Instant at, Location location, List<Need> needs) {
        if (location == null || needs.stream().noneMatch(Need::needsFieldTeam)) {
            return;
        }
        HouseholdContact c = HouseholdContact.findById(caseId);
        if (c == null) {
            c = new HouseholdContact(); // first seen now (e.g. food first, then someone cannot breathe): no phone known
            c.caseId = caseId;
            c.caseCode = caseCode == null ? "" : caseCode;
            c.receivedAt = at;
            c.eraseAfter = at.plus(config.contactUnassignedKeep());
            place(c, location, needs);
            c.persist();
        } else if (!c.erased()) {
            place(c, location, needs);
        }
    }

    private static void place(HouseholdContact c, Location at, List<Need> needs) {
        c.wardCode = at.wardCode();
        if (blankToNull(at.addressText()) != null) {
            c.addressText = at.addressText().strip();
        }
        c.needs = new ArrayList<>(needs.stream().map(Need::name).toList());
    }

    /** Called in the transaction that completes an assignment of the case: erase {@code contact-grace} from now. */
    public void visitCompleted(UUID caseId, Instant completedAt) {
        em.createQuery("update HouseholdContact set eraseAfter = :t where caseId = :id and erasedAt is null")
                .setParameter("t", completedAt.plus(config.contactGrace()))
                .setParameter("id", caseId)
                .executeUpdate();
    }

    /**
     * Erases every contact due by {@code now} whose case has no live assignment, {@value #BATCH} rows a transaction
     * (skipping rows another instance is erasing). Returns how many were erased.
     */
    public int eraseDue(Instant now) {
        int total = Batches.untilDone(BATCH, () -> eraseBatch(now));
        if (total > 0) {
            LOG.infof("Erased the household contact of %d case(s)", total);
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int eraseBatch(Instant now) {
        return em.createNativeQuery("""
                update case_contact set address_text = null, phone = null, caller_name = null, notes = null,
                       erased_at = :now
                 where case_id in (
                       select c.case_id from case_contact c
                        where c.erased_at is null and c.erase_after <= :now
                          and not exists (select 1 from assignment a
                                           where a.case_id = c.case_id and a.status <> 'COMPLETED')
                        limit :batch
                        for update of c skip locked)
                """)
                .setParameter("now", now)
                .setParameter("batch", BATCH)
                .executeUpdate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

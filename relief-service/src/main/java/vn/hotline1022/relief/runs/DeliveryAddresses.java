package vn.hotline1022.relief.runs;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.messaging.sql.Batches;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.deliveries.AddressNeeded;

/**
 * The one place relief keeps a household's address and phone in clear (Decree 13/2023: the least, for the shortest
 * time). Everywhere else relief knows them only as salted hashes. Kept from the call that asked for relief, because a
 * waiting request may be scheduled days later when stock arrives; erased ({@link #eraseDue}) once none of the case's
 * packages is waiting or scheduled and the last was delivered {@code address-grace} ago, and in any case
 * {@code address-max-keep} after the call. Never logged (only counts), never put in an event.
 */
@ApplicationScoped
public class DeliveryAddresses {

    private static final Logger LOG = Logger.getLogger(DeliveryAddresses.class);
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    ReliefConfig config;

    /**
     * Inside the allocation's transaction: from the call (address, phone, name), or, when relief needs became known
     * after it (the field team's visit, a repeat call, an official's hand-back), the address the event carries with no
     * phone; only when relief has none for the case yet.
     */
    void keep(@Observes AddressNeeded needed) {
        Location at = needed.location();
        if (at == null || DeliveryAddress.findById(needed.caseId()) != null) {
            return;
        }
        if (needed.phone() == null && blankToNull(at.addressText()) == null) {
            return;
        }
        keep(needed.caseId(), needed.caseCode(), needed.at() == null ? Instant.now() : needed.at(), at,
                needed.phone(), needed.name());
    }

    private void keep(UUID caseId, String caseCode, Instant at, Location location, String phone, String name) {
        String address = blankToNull(location.addressText());
        phone = blankToNull(phone);
        if (address == null && phone == null) {
            return; // nothing to find the household by
        }
        DeliveryAddress a = new DeliveryAddress();
        a.caseId = caseId;
        a.caseCode = caseCode == null ? "" : caseCode;
        a.provinceCode = location.provinceCode();
        a.districtCode = location.districtCode();
        a.wardCode = location.wardCode();
        a.addressText = address == null ? null : address.strip();
        a.phone = phone == null ? null : phone.strip();
        a.recipientName = blankToNull(name) == null ? null : name.strip();
        a.receivedAt = at;
        a.eraseAfter = at.plus(config.addressMaxKeep());
        a.persist();
    }

    /**
     * Erases every address due by {@code now}, {@value #BATCH} rows a transaction (skipping rows another instance is
     * erasing). Returns how many were erased; only that count is logged.
     */
    public int eraseDue(Instant now) {
        int total = Batches.untilDone(BATCH, () -> eraseBatch(now));
        if (total > 0) {
            LOG.infof("Erased the delivery address of %d case(s)", total);
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int eraseBatch(Instant now) {
        return em.createNativeQuery("""
                update delivery_address set address_text = null, phone = null, recipient_name = null, erased_at = :now
                 where case_id in (
                       select a.case_id from delivery_address a
                        where a.erased_at is null
                          and (a.erase_after <= :now
                               or (not exists (select 1 from delivery d where d.case_id = a.case_id
                                                  and d.status in ('WAITING', 'SCHEDULED'))
                                   and (select max(d.delivered_at) from delivery d
                                         where d.case_id = a.case_id and d.status = 'DELIVERED') <= :deliveredBefore))
                        limit :batch
                        for update of a skip locked)
                """)
                .setParameter("now", now)
                .setParameter("deliveredBefore", now.minus(config.addressGrace()))
                .setParameter("batch", BATCH)
                .executeUpdate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

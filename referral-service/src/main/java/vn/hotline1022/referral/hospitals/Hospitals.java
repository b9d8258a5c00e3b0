package vn.hotline1022.referral.hospitals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.BedType;

/** Registers hospitals and takes their bed counts; new free beds go to the cases waiting in the province. */
@ApplicationScoped
public class Hospitals {

    private static final Logger LOG = Logger.getLogger(Hospitals.class);

    @Inject
    jakarta.enterprise.event.Event<BedsMayBeFree> bedsMayBeFree;

    /** A new hospital ({@code h} filled by the caller) with its beds; it takes the province's waiting cases. */
    @Transactional
    public Hospital create(Hospital h, Map<BedType, Beds> beds) {
        beds.forEach((type, b) -> checkFreeWithinTotal(type, b.total(), b.free()));
        if (Hospital.byCode(h.code) != null) {
            throw ProblemException.invalidField("code", "another hospital has this code");
        }
        h.id = UUID.randomUUID();
        h.accepting = true;
        h.createdAt = Instant.now();
        h.capacityUpdatedAt = h.createdAt;
        h.persist();
        for (Map.Entry<BedType, Beds> e : beds.entrySet()) {
            BedPool p = new BedPool();
            p.id = UUID.randomUUID();
            p.hospitalId = h.id;
            p.bedType = e.getKey();
            p.total = e.getValue().total();
            p.free = e.getValue().free();
            p.persist();
        }
        // A new hospital (e.g. a field hospital opening) is free capacity too.
        bedsMayBeFree.fire(new BedsMayBeFree(h.provinceCode));
        return h;
    }

    /**
     * Replaces the hospital's free count per bed type. The pools are locked first, so a referral taking a bed here at
     * the same moment waits and then sees the new count.
     */
    @Transactional
    public Hospital updateCapacity(UUID id, Map<BedType, Beds> beds) {
        Hospital h = Hospital.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        List<BedPool> pools = new ArrayList<>(
                BedPool.<BedPool> find("hospitalId", id).withLock(LockModeType.PESSIMISTIC_WRITE).list());
        for (Map.Entry<BedType, Beds> e : beds.entrySet()) {
            BedType type = e.getKey();
            Beds update = e.getValue();
            BedPool pool = pools.stream().filter(p -> p.bedType == type).findFirst().orElse(null);
            if (pool == null) {
                if (update.total() == null) {
                    throw ProblemException.invalidField("beds[" + type + "].total",
                            "required: the hospital has no " + type + " beds yet");
                }
                pool = new BedPool();
                pool.id = UUID.randomUUID();
                pool.hospitalId = id;
                pool.bedType = type;
                pool.persist();
                pools.add(pool);
            }
            int total = update.total() == null ? pool.total : update.total();
            checkFreeWithinTotal(type, total, update.free());
            pool.total = total;
            pool.free = update.free();
        }
        h.capacityUpdatedAt = Instant.now();
        BedPool.flush();
        LOG.infof("Hospital %s reported capacity", h.name);
        bedsMayBeFree.fire(new BedsMayBeFree(h.provinceCode));
        return h;
    }

    /**
     * Pauses or resumes intake. The pools are locked first, as a capacity report does, so a referral taking a bed at
     * this moment either finished before (and stays pending: the hospital must still answer it) or sees the pause.
     * Resuming offers the hospital's free beds to the province's waiting cases at once.
     */
    @Transactional
    public Hospital updateAccepting(UUID id, boolean accepting, String reason) {
        Hospital h = Hospital.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        BedPool.<BedPool> find("hospitalId", id).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (h.accepting != accepting) {
            h.accepting = accepting;
            h.acceptingChangedAt = Instant.now();
        }
        h.pausedReason = accepting ? null : blankToNull(reason);
        Hospital.flush();
        LOG.infof("Hospital %s %s intake", h.name, accepting ? "resumed" : "paused");
        if (accepting) {
            bedsMayBeFree.fire(new BedsMayBeFree(h.provinceCode));
        }
        return h;
    }

    @Transactional
    public Hospital updateContacts(UUID id, String dutyPhone, String contactName) {
        Hospital h = Hospital.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        h.dutyPhone = blankToNull(dutyPhone);
        h.contactName = blankToNull(contactName);
        LOG.infof("Hospital %s updated its contacts", h.name); // never the number itself
        return h;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The hospital's bed pools as they are now in the database (holds are taken by native updates). */
    @Transactional
    public List<BedPool> pools(UUID hospitalId) {
        List<BedPool> pools = BedPool.list("hospitalId", hospitalId);
        pools.forEach(p -> BedPool.getEntityManager().refresh(p));
        return pools;
    }

    private static void checkFreeWithinTotal(BedType type, int total, int free) {
        if (free > total) {
            throw ProblemException.invalidField("beds[" + type + "].free", "must not exceed total (" + total + ")");
        }
    }
}

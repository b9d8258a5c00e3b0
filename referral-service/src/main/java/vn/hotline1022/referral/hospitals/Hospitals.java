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
import vn.hotline1022.referral.hospitals.HospitalResource.BedsUpdate;
import vn.hotline1022.referral.hospitals.HospitalResource.HospitalView;
import vn.hotline1022.referral.hospitals.HospitalResource.NewBeds;
import vn.hotline1022.referral.hospitals.HospitalResource.NewHospital;
import vn.hotline1022.referral.referrals.Referrer;

/** Registers hospitals and takes their bed counts; new free beds go to the cases waiting in the province. */
@ApplicationScoped
public class Hospitals {

    private static final Logger LOG = Logger.getLogger(Hospitals.class);

    @Inject
    Referrer referrer;

    @Transactional
    public HospitalView create(NewHospital request) {
        request.beds().forEach((type, beds) -> checkFreeWithinTotal(type, beds.total(), beds.free()));
        if (request.location() != null
                && (request.location().latitude() == null) != (request.location().longitude() == null)) {
            throw ProblemException.invalidField(request.location().latitude() == null ? "location.latitude"
                    : "location.longitude", "latitude and longitude come together");
        }
        if (Hospital.byCode(request.code()) != null) {
            throw ProblemException.invalidField("code", "another hospital has this code");
        }
        Hospital h = new Hospital();
        h.id = UUID.randomUUID();
        h.code = request.code();
        h.name = request.name().strip();
        h.provinceCode = request.provinceCode();
        h.districtCode = request.districtCode();
        h.level = request.level();
        h.ownership = request.ownership() == null ? Ownership.PUBLIC : request.ownership();
        if (request.location() != null) {
            h.latitude = request.location().latitude();
            h.longitude = request.location().longitude();
            h.address = blankToNull(request.location().address());
        }
        if (request.contacts() != null) {
            h.dutyPhone = blankToNull(request.contacts().dutyPhone());
            h.contactName = blankToNull(request.contacts().name());
        }
        h.accepting = true;
        h.createdAt = Instant.now();
        h.capacityUpdatedAt = h.createdAt;
        h.persist();
        for (Map.Entry<BedType, NewBeds> e : request.beds().entrySet()) {
            BedPool p = new BedPool();
            p.id = UUID.randomUUID();
            p.hospitalId = h.id;
            p.bedType = e.getKey();
            p.total = e.getValue().total();
            p.free = e.getValue().free();
            p.persist();
        }
        // A new hospital (e.g. a field hospital opening) is free capacity too.
        referrer.retryWaiting(h.provinceCode);
        return view(h);
    }

    /**
     * Replaces the hospital's free count per bed type. The pools are locked first, so a referral taking a bed here at
     * the same moment waits and then sees the new count.
     */
    @Transactional
    public HospitalView updateCapacity(UUID id, HospitalResource.CapacityUpdate request) {
        Hospital h = Hospital.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        List<BedPool> pools = new ArrayList<>(
                BedPool.<BedPool> find("hospitalId", id).withLock(LockModeType.PESSIMISTIC_WRITE).list());
        for (Map.Entry<BedType, BedsUpdate> e : request.beds().entrySet()) {
            BedType type = e.getKey();
            BedsUpdate update = e.getValue();
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
        referrer.retryWaiting(h.provinceCode);
        return view(h);
    }

    /**
     * Pauses or resumes intake. The pools are locked first, as a capacity report does, so a referral taking a bed at
     * this moment either finished before (and stays pending: the hospital must still answer it) or sees the pause.
     * Resuming offers the hospital's free beds to the province's waiting cases at once.
     */
    @Transactional
    public HospitalView updateAccepting(UUID id, boolean accepting, String reason) {
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
            referrer.retryWaiting(h.provinceCode);
        }
        return view(h);
    }

    @Transactional
    public HospitalView updateContacts(UUID id, HospitalResource.Contacts contacts) {
        Hospital h = Hospital.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        h.dutyPhone = blankToNull(contacts.dutyPhone());
        h.contactName = blankToNull(contacts.name());
        LOG.infof("Hospital %s updated its contacts", h.name); // never the number itself
        return view(h);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static HospitalView view(Hospital h) {
        List<BedPool> pools = BedPool.list("hospitalId", h.id);
        pools.forEach(p -> BedPool.getEntityManager().refresh(p)); // holds were taken by native updates
        return HospitalView.of(h, pools);
    }

    private static void checkFreeWithinTotal(BedType type, int total, int free) {
        if (free > total) {
            throw ProblemException.invalidField("beds[" + type + "].free", "must not exceed total (" + total + ")");
        }
    }
}

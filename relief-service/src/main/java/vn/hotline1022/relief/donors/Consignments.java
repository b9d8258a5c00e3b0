package vn.hotline1022.relief.donors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.programmes.Programmes;
import vn.hotline1022.relief.warehouses.Warehouse;

/** Consignments (lô hàng) donors announce, and their arrival at a warehouse, which releases waiting requests. */
@ApplicationScoped
public class Consignments {

    private static final Logger LOG = Logger.getLogger(Consignments.class);

    /** A consignment arrived, with its programme's stock after it. */
    public record Arrival(Consignment consignment, int programmeStock) {
    }

    @Inject
    Programmes programmes;

    /** Those inside the scope (a consignment is where its warehouse is), soonest expected first. */
    public List<Consignment> list(String programmeCode, ReliefScope scope) {
        List<Object> params = new ArrayList<>();
        String query = "select c from Consignment c, Warehouse w where w.code = c.warehouseCode and "
                + scope.where("w.", params);
        if (programmeCode != null) {
            params.add(programmeCode);
            query += " and c.programmeCode = ?" + params.size();
        }
        return Consignment.find(query + " order by c.expectedAt", params.toArray()).list();
    }

    @Transactional
    public Consignment announce(String donorCode, String programmeCode, int quantity, Instant expectedAt,
            String warehouseCode, String createdBy, ReliefScope scope) {
        if (Donor.findByCode(donorCode) == null) {
            throw ProblemException.invalidField("donorCode", "no such donor");
        }
        Programme programme = Programme.findByCode(programmeCode);
        if (programme == null || !scope.require().coversProvince(programme.provinceCode)) {
            throw ProblemException.invalidField("programmeCode", "no such programme");
        }
        Consignment c = new Consignment();
        c.id = UUID.randomUUID();
        c.donorCode = donorCode;
        c.programmeCode = programmeCode;
        c.quantity = quantity;
        c.warehouseCode = programmes.warehouseFor(programme, warehouseCode);
        Warehouse destination = Warehouse.findByCode(c.warehouseCode);
        scope.requirePlace(destination.provinceCode, destination.districtCode);
        c.status = Consignment.Status.EXPECTED;
        c.expectedAt = expectedAt;
        c.createdBy = createdBy;
        c.createdAt = Instant.now();
        c.persist();
        return c;
    }

    /**
     * The consignment is at the warehouse (hàng về): its packages join the programme's stock and waiting requests are
     * scheduled from them, oldest first, in the same transaction. Recorded once: a second arrival is a conflict.
     */
    @Transactional
    public Arrival arrived(UUID id, String receivedBy, ReliefScope scope) {
        Consignment found = Consignment.findById(id);
        Warehouse at = found == null ? null : Warehouse.findByCode(found.warehouseCode);
        if (found == null || at == null || !scope.sees(at.provinceCode, at.districtCode)) {
            throw ProblemException.notFound("Consignment " + id);
        }
        // Locking order: the programme row before anything else that is locked; the consignment row after it, so two
        // arrivals of one consignment queue up and the second fails.
        Programme.lockIfActive(found.programmeCode);
        Consignment c = Consignment.findById(id, LockModeType.PESSIMISTIC_WRITE);
        Consignment.getEntityManager().refresh(c);
        if (c.status == Consignment.Status.ARRIVED) {
            throw ProblemException.conflict("Consignment " + id + " already arrived at " + c.arrivedAt);
        }
        c.status = Consignment.Status.ARRIVED;
        c.arrivedAt = Instant.now();
        c.receivedBy = receivedBy;
        Programme p = programmes.addStock(c.programmeCode, c.warehouseCode, c.quantity);
        LOG.infof("Consignment %s of donor %s arrived at %s: %d packages of %s", c.id, c.donorCode,
                c.warehouseCode, c.quantity, c.programmeCode);
        return new Arrival(c, p.stock);
    }

    /** A new donor; codes are unique. */
    @Transactional
    public Donor registerDonor(String code, String name, Donor.Kind kind) {
        if (Donor.findByCode(code) != null) {
            throw ProblemException.conflict("Donor " + code + " already exists");
        }
        Donor d = new Donor();
        d.id = UUID.randomUUID();
        d.code = code;
        d.name = name;
        d.kind = kind;
        d.createdAt = Instant.now();
        d.persist();
        return d;
    }
}

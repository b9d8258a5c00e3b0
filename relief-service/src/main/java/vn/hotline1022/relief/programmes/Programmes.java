package vn.hotline1022.relief.programmes;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.warehouses.Stock;
import vn.hotline1022.relief.warehouses.Warehouse;

/** Relief programmes (chương trình hỗ trợ): opening one with its first stock, stock arriving, what runs low. */
@ApplicationScoped
public class Programmes {

    /** A programme at or below its threshold, with what waits for it and what is on the way. */
    public record LowStock(Programme programme, long waiting, long expected, List<Stock.Line> warehouses) {
    }

    // Read as figures, not as entities of the deliveries and donors packages, which build on this one.
    private static final String WAITING_REQUESTS =
            "select count(*) from delivery where programme_code = ?1 and status = 'WAITING'";
    private static final String EXPECTED_PACKAGES =
            "select coalesce(sum(quantity), 0) from consignment where programme_code = ?1 and status = 'EXPECTED'";

    @Inject
    Stock stock;

    @Inject
    StockGauges gauges;

    @Inject
    Event<StockArrived> arrivals;

    /** Persists {@code p} (built by the caller) and puts {@code initialStock} in the province's warehouse. */
    @Transactional
    public Programme open(Programme p, int initialStock) {
        if (Programme.findByCode(p.code) != null) {
            throw ProblemException.conflict("Programme " + p.code + " already exists");
        }
        p.persist();
        String warehouse = stock.provincialWarehouse(p.provinceCode);
        if (initialStock > 0) {
            stock.add(p.code, warehouse, initialStock);
        }
        Programme.getEntityManager().refresh(p);
        gauges.programmeCreated(p.code, p.provinceCode, p.stock);
        Hibernate.initialize(p.items); // shown after the transaction
        return p;
    }

    /**
     * Packages arrived outside an announced consignment, at {@code warehouseCode} (the province's own when null):
     * waiting requests are scheduled from them at once, oldest first. Only inside the officer's area.
     */
    @Transactional
    public Programme stockArrived(String code, String warehouseCode, int quantity, ReliefScope scope) {
        Programme p = Programme.findByCode(code);
        if (p == null || !scope.require().coversProvince(p.provinceCode)) {
            throw ProblemException.notFound("Programme " + code);
        }
        Warehouse w = Warehouse.findByCode(warehouseCode == null ? Warehouse.provincialCode(p.provinceCode)
                : warehouseCode);
        if (w != null) {
            scope.requirePlace(w.provinceCode, w.districtCode);
        }
        Programme after = addStock(code, warehouseCode, quantity);
        Hibernate.initialize(after.items); // shown after the transaction
        return after;
    }

    /**
     * Adds {@code quantity} packages at a warehouse (the province's own when null) and lets the requests waiting for
     * them be scheduled ({@link StockArrived}, in this transaction).
     *
     * @return the programme as it is afterwards (stock left once waiting requests took theirs)
     */
    @Transactional
    public Programme addStock(String programmeCode, String warehouseCode, int quantity) {
        Programme p = Programme.findByCode(programmeCode);
        if (p == null) {
            throw ProblemException.notFound("Programme " + programmeCode);
        }
        Programme.lockIfActive(programmeCode); // before anything else, as everywhere
        String to = warehouseFor(p, warehouseCode);
        stock.add(programmeCode, to, quantity);
        arrivals.fire(new StockArrived(programmeCode, to, quantity));
        Programme.getEntityManager().refresh(p);
        return p;
    }

    /** The warehouse stock goes to: the one given, if it is in the programme's province, else the province's own. */
    public String warehouseFor(Programme p, String warehouseCode) {
        if (warehouseCode == null) {
            return stock.provincialWarehouse(p.provinceCode);
        }
        Warehouse w = Warehouse.findByCode(warehouseCode);
        if (w == null) {
            throw ProblemException.invalidField("warehouseCode", "no such warehouse");
        }
        if (!w.provinceCode.equals(p.provinceCode)) {
            throw ProblemException.invalidField("warehouseCode",
                    "is in province " + w.provinceCode + ", the programme serves " + p.provinceCode);
        }
        return w.code;
    }

    /** Active programmes inside the scope at or below their low-stock threshold, emptiest first. */
    @Transactional
    public List<LowStock> lowStock(String provinceCode, ReliefScope scope) {
        List<Object> params = new java.util.ArrayList<>();
        String inScope = scope.whereProvince("", params);
        if (provinceCode != null) {
            params.add(provinceCode);
        }
        List<Programme> low = Programme.list(inScope + " and active = true and stock <= lowStockThreshold"
                + (provinceCode == null ? "" : " and provinceCode = ?" + params.size()) + " order by stock, code",
                params.toArray());
        return low.stream().map(p -> new LowStock(p, count(WAITING_REQUESTS, p.code), count(EXPECTED_PACKAGES, p.code),
                stock.ofProgramme(p.code))).toList();
    }

    private static long count(String sql, String programmeCode) {
        return ((Number) Programme.getEntityManager().createNativeQuery(sql).setParameter(1, programmeCode)
                .getSingleResult()).longValue();
    }

    /** The programmes inside the scope, with their items; of one province when given. */
    public List<Programme> list(String provinceCode, ReliefScope scope) {
        scope.require();
        List<Programme> found = provinceCode == null
                ? Programme.find("select distinct p from Programme p left join fetch p.items order by p.code").list()
                : Programme.find("select distinct p from Programme p left join fetch p.items where p.provinceCode = ?1 "
                        + "order by p.code", provinceCode).list();
        return found.stream().filter(p -> scope.require().coversProvince(p.provinceCode)).toList();
    }
}

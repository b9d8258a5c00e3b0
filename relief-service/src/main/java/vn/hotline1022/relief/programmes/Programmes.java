package vn.hotline1022.relief.programmes;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.deliveries.StockRelease;
import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.relief.donors.Consignment;
import vn.hotline1022.relief.warehouses.Stock;
import vn.hotline1022.relief.warehouses.Warehouse;

/** Relief programmes (chương trình hỗ trợ): opening one with its first stock, stock arriving, what runs low. */
@ApplicationScoped
public class Programmes {

    /** A programme at or below its threshold, with what waits for it and what is on the way. */
    public record LowStock(Programme programme, long waiting, long expected, List<Stock.Line> warehouses) {
    }

    @Inject
    Stock stock;

    @Inject
    StockGauges gauges;

    @Inject
    StockRelease stockRelease;

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
        Programme after = stockRelease.stockArrived(code, warehouseCode, quantity);
        Hibernate.initialize(after.items); // shown after the transaction
        return after;
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
        return low.stream().map(p -> new LowStock(p,
                Delivery.count("programmeCode = ?1 and status = ?2", p.code, Delivery.Status.WAITING),
                Optional.ofNullable(Consignment.getEntityManager().createQuery(
                        "select sum(c.quantity) from Consignment c where c.programmeCode = ?1 and c.status = ?2",
                        Long.class).setParameter(1, p.code).setParameter(2, Consignment.Status.EXPECTED)
                        .getSingleResult()).orElse(0L),
                stock.ofProgramme(p.code))).toList();
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

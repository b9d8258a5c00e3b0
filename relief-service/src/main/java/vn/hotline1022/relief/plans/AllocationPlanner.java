package vn.hotline1022.relief.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.commons.security.Scope;

import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.relief.donors.Consignment;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.zones.WardZones;
import vn.hotline1022.relief.warehouses.Stock;
import vn.hotline1022.relief.warehouses.Warehouse;

/**
 * Works out allocation plans (kế hoạch phân bổ): per programme and ward of a province, the need still pending against the stock
 * on hand and the consignments announced, so that officers see which wards will go short and ask donors for them.
 */
@ApplicationScoped
public class AllocationPlanner {

    @Inject
    Stock stock;

    /**
     * @param waiting               requests queued for stock (OUT_OF_STOCK)
     * @param scheduledNotDelivered packages scheduled, not yet confirmed delivered
     * @param expectedToWard        packages of announced consignments addressed to this ward's warehouse
     * @param shortfall             waiting requests that neither the stock nor the announced consignments will cover,
     *                              served oldest first across the province as they are
     */
    public record WardPlan(String wardCode, String districtCode, long waiting, long scheduledNotDelivered,
            long expectedToWard, long shortfall, String zoneColour) {
    }

    /**
     * @param stock     packages on hand in all the province's warehouses (each serves the whole province, nearest
     *                  first)
     * @param expected  packages in consignments announced and not arrived
     * @param shortfall waiting requests beyond stock + expected: what to ask donors for
     */
    public record ProgrammePlan(String code, String name, List<String> needs, boolean active, int stock,
            long expected, long waiting, long scheduledNotDelivered, long shortfall, List<WarehousePlan> warehouses,
            List<WardPlan> wards) {
    }

    /** @param expected packages of announced consignments addressed to the warehouse */
    public record WarehousePlan(String code, String districtCode, String wardCode, int stock, long expected) {
    }

    public record AllocationPlan(String provinceCode, Instant generatedAt, List<ProgrammePlan> programmes) {
    }

    /**
     * Programmes of the province that are active or still have requests pending. An officer limited to some districts
     * sees only their wards; the programme totals are the province's, since stock is shared across wards.
     */
    @Inject
    WardZones wardZones;

    @Transactional
    public AllocationPlan plan(String provinceCode, Scope scope) {
        List<Programme> programmes = Programme.list("""
                select p from Programme p where p.provinceCode = ?1 and (p.active = true or exists (
                  select 1 from Delivery d where d.programmeCode = p.code and d.status in ?2)) order by p.code""",
                provinceCode,
                List.of(Delivery.Status.WAITING, Delivery.Status.SCHEDULED));
        List<ProgrammePlan> plans = new ArrayList<>();
        Map<String, String> zones = wardZones.colours(provinceCode);
        for (Programme p : programmes) {
            plans.add(plan(p, scope, stock.ofProgramme(p.code), zones));
        }
        return new AllocationPlan(provinceCode, Instant.now(), plans);
    }

    private static ProgrammePlan plan(Programme p, Scope scope, List<Stock.Line> onHand, Map<String, String> zones) {
        Map<String, long[]> wards = new TreeMap<>(); // ward -> waiting, scheduled, expected, shortfall
        Map<String, String> districtOf = new TreeMap<>();
        var em = Delivery.getEntityManager();
        List<Object[]> waiting = em.createQuery("""
                select d.wardCode, d.districtCode from Delivery d
                 where d.programmeCode = ?1 and d.status = ?2 order by d.requestedAt, d.id""", Object[].class)
                .setParameter(1, p.code).setParameter(2, Delivery.Status.WAITING).getResultList();
        // Served as stock arrives: lockdown (red) wards first, then orange, each oldest first (a stable sort).
        waiting = waiting.stream().sorted(Comparator.comparingInt(r -> WardZones.rank(zones.get((String) r[0]))))
                .toList();
        List<Object[]> scheduled = em.createQuery("""
                select d.wardCode, d.districtCode, count(d) from Delivery d
                 where d.programmeCode = ?1 and d.status = ?2 group by d.wardCode, d.districtCode""", Object[].class)
                .setParameter(1, p.code).setParameter(2, Delivery.Status.SCHEDULED).getResultList();
        List<Object[]> expected = em.createQuery("""
                select w.wardCode, sum(c.quantity) from Consignment c, Warehouse w
                 where w.code = c.warehouseCode and c.programmeCode = ?1 and c.status = ?2
                 group by w.wardCode""", Object[].class)
                .setParameter(1, p.code).setParameter(2, Consignment.Status.EXPECTED).getResultList();

        long expectedTotal = 0;
        for (Object[] row : expected) {
            long quantity = ((Number) row[1]).longValue();
            expectedTotal += quantity;
            if (row[0] != null) {
                wards.computeIfAbsent((String) row[0], w -> new long[4])[2] += quantity;
            }
        }
        long scheduledTotal = 0;
        for (Object[] row : scheduled) {
            long n = ((Number) row[2]).longValue();
            scheduledTotal += n;
            wards.computeIfAbsent((String) row[0], w -> new long[4])[1] += n;
            districtOf.putIfAbsent((String) row[0], (String) row[1]);
        }
        // The first (stock + expected) waiting requests, in the order they are served, are covered.
        long cover = p.stock + expectedTotal;
        for (Object[] row : waiting) {
            long[] w = wards.computeIfAbsent((String) row[0], x -> new long[4]);
            w[0]++;
            if (cover > 0) {
                cover--;
            } else {
                w[3]++;
            }
            districtOf.putIfAbsent((String) row[0], (String) row[1]);
        }
        long shortfall = Math.max(0, waiting.size() - p.stock - expectedTotal);
        List<WardPlan> wardPlans = wards.entrySet().stream()
                .map(e -> new WardPlan(e.getKey(), districtOf.get(e.getKey()), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2], e.getValue()[3], zones.get(e.getKey())))
                .filter(w -> scope.covers(p.provinceCode, w.districtCode())) // only the wards the officer may see
                .sorted(Comparator.comparingInt((WardPlan w) -> WardZones.rank(w.zoneColour()))
                        .thenComparing(Comparator.comparingLong(WardPlan::shortfall).reversed())
                        .thenComparing(WardPlan::wardCode))
                .toList();
        Map<String, Long> expectedAt = new TreeMap<>();
        em.createQuery("""
                select c.warehouseCode, sum(c.quantity) from Consignment c
                 where c.programmeCode = ?1 and c.status = ?2 group by c.warehouseCode""", Object[].class)
                .setParameter(1, p.code).setParameter(2, Consignment.Status.EXPECTED).getResultList()
                .forEach(row -> expectedAt.put((String) row[0], ((Number) row[1]).longValue()));
        Map<String, Integer> held = new TreeMap<>();
        onHand.forEach(l -> held.put(l.warehouseCode(), l.stock()));
        List<WarehousePlan> warehousePlans = new ArrayList<>();
        java.util.SortedSet<String> codes = new java.util.TreeSet<>(held.keySet());
        codes.addAll(expectedAt.keySet());
        for (String code : codes) {
            Warehouse w = Warehouse.findByCode(code);
            warehousePlans.add(new WarehousePlan(code, w.districtCode, w.wardCode, held.getOrDefault(code, 0),
                    expectedAt.getOrDefault(code, 0L)));
        }
        return new ProgrammePlan(p.code, p.name, p.needs, p.active, p.stock, expectedTotal, waiting.size(),
                scheduledTotal, shortfall, warehousePlans, wardPlans);
    }
}

package vn.hotline1022.relief.warehouses;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Packages of a programme per warehouse. The only writer of {@code warehouse_stock}; a trigger keeps
 * {@code programme.stock} the sum over the programme's warehouses in the same transaction (migration V4).
 */
@ApplicationScoped
public class Stock {

    @Inject
    EntityManager em;

    /** A district's or a ward's warehouse; codes are unique. */
    @jakarta.transaction.Transactional
    public Warehouse open(String code, String name, String provinceCode, String districtCode, String wardCode) {
        if (Warehouse.findByCode(code) != null) {
            throw vn.hotline1022.commons.web.ProblemException.conflict("Warehouse " + code + " already exists");
        }
        Warehouse w = new Warehouse();
        w.code = code;
        w.name = name;
        w.provinceCode = provinceCode;
        w.districtCode = districtCode;
        w.wardCode = wardCode;
        w.createdAt = java.time.Instant.now();
        w.persist();
        return w;
    }

    /** The province's own warehouse, created the first time a programme of the province needs it. */
    public String provincialWarehouse(String provinceCode) {
        em.createNativeQuery("""
                insert into warehouse (code, name, province_code, created_at)
                values (?1, ?2, ?3, now())
                on conflict (code) do nothing
                """)
                .setParameter(1, Warehouse.provincialCode(provinceCode))
                .setParameter(2, "Provincial warehouse " + provinceCode)
                .setParameter(3, provinceCode)
                .executeUpdate();
        return Warehouse.provincialCode(provinceCode);
    }

    /**
     * Adds packages to a warehouse; once the programme's stock is above its low-stock threshold again, the next
     * crossing raises a new alert.
     */
    public void add(String programmeCode, String warehouseCode, int quantity) {
        em.flush(); // a programme created in this transaction must exist for the foreign key
        em.createNativeQuery("""
                insert into warehouse_stock (programme_code, warehouse_code, stock) values (?1, ?2, ?3)
                on conflict (programme_code, warehouse_code) do update set stock = warehouse_stock.stock + excluded.stock
                """)
                .setParameter(1, programmeCode)
                .setParameter(2, warehouseCode)
                .setParameter(3, quantity)
                .executeUpdate();
        em.createNativeQuery("""
                update programme set low_stock_alerted = low_stock_alerted and stock <= low_stock_threshold
                 where code = ?1
                """)
                .setParameter(1, programmeCode)
                .executeUpdate();
    }

    /**
     * Takes one package for a household, from the nearest warehouse that has one: the household's ward, its
     * district's warehouse, another ward's of its district, the province's, then any other in the province (goods
     * are moved where the need is rather than a family waiting while stock sits elsewhere). Fullest first among
     * equals. Atomic: concurrent takers can never overdraw a warehouse. The choice is a CTE so that it is made once
     * (a locking subquery in FROM may be re-run per row and take from several warehouses).
     *
     * @return the warehouse it leaves from; null when the programme has no stock anywhere
     */
    public String takeOne(String programmeCode, String wardCode, String districtCode) {
        @SuppressWarnings("unchecked")
        List<String> taken = em.createNativeQuery("""
                with nearest as (
                    select ws.warehouse_code
                      from warehouse_stock ws join warehouse w on w.code = ws.warehouse_code
                     where ws.programme_code = ?1 and ws.stock > 0
                     order by case when w.ward_code = ?2 then 0
                                   when w.district_code = ?3 and w.ward_code is null then 1
                                   when w.district_code = ?3 then 2
                                   when w.district_code is null then 3
                                   else 4 end,
                              ws.stock desc, ws.warehouse_code
                     limit 1
                       for update of ws)
                update warehouse_stock s set stock = s.stock - 1
                  from nearest
                 where s.programme_code = ?1 and s.warehouse_code = nearest.warehouse_code and s.stock > 0
                returning s.warehouse_code
                """, String.class)
                .setParameter(1, programmeCode)
                .setParameter(2, wardCode)
                .setParameter(3, districtCode)
                .getResultList();
        return taken.isEmpty() ? null : taken.get(0);
    }

    /** One warehouse's stock of one programme. */
    public record Line(String programmeCode, String warehouseCode, int stock) {
    }

    /** Stock lines of the province's warehouses, by programme then warehouse. */
    public List<Line> ofProvince(String provinceCode) {
        return lines("join warehouse w on w.code = ws.warehouse_code where w.province_code = ?1", provinceCode);
    }

    /** Where a programme's stock is, by warehouse. */
    public List<Line> ofProgramme(String programmeCode) {
        return lines("where ws.programme_code = ?1", programmeCode);
    }

    private List<Line> lines(String where, String parameter) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select ws.programme_code, ws.warehouse_code, ws.stock "
                + "from warehouse_stock ws " + where + " order by ws.programme_code, ws.warehouse_code")
                .setParameter(1, parameter)
                .getResultList();
        return rows.stream().map(r -> new Line((String) r[0], (String) r[1], ((Number) r[2]).intValue())).toList();
    }
}

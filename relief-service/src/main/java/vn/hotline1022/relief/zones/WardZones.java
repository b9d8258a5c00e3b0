package vn.hotline1022.relief.zones;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.events.intake.ZoneStatusChanged;

/**
 * Wards' zone colours (vùng đỏ / cam / vàng / xanh), kept from intake's ZoneStatusChanged, so that relief reaches
 * lockdown areas first, as the Bình Dương directive asks: waiting requests in red wards, then orange ones, are
 * scheduled before the others when stock arrives, and allocation plans list those wards first.
 */
@ApplicationScoped
public class WardZones {

    /**
     * SQL rank of a ward's colour for {@code order by}, given the alias of a joined {@code ward_zone}: red 0, orange
     * 1, every other ward 2 (no colour included).
     */
    public static String sqlRank(String alias) {
        return "case " + alias + ".colour when 'RED' then 0 when 'ORANGE' then 1 else 2 end";
    }

    /** The same rank for a colour read in Java. */
    public static int rank(String colour) {
        return "RED".equals(colour) ? 0 : "ORANGE".equals(colour) ? 1 : 2;
    }

    @Inject
    EntityManager em;

    /** Runs inside the inbox transaction of the ZoneStatusChanged event; an older change never undoes a newer one. */
    public void apply(ZoneStatusChanged change) {
        if (change.current() == null) {
            return;
        }
        em.createNativeQuery("""
                insert into ward_zone (ward_code, province_code, district_code, colour, changed_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (ward_code) do update
                   set colour = excluded.colour, changed_at = excluded.changed_at,
                       province_code = excluded.province_code, district_code = excluded.district_code
                 where ward_zone.changed_at < excluded.changed_at
                """)
                .setParameter(1, change.wardCode()).setParameter(2, change.provinceCode())
                .setParameter(3, change.districtCode()).setParameter(4, change.current().name())
                .setParameter(5, change.occurredAt()).executeUpdate();
    }

    /** The colour of each ward of the province that has one. */
    public Map<String, String> colours(String provinceCode) {
        Map<String, String> colours = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select ward_code, colour from ward_zone where province_code = ?1")
                .setParameter(1, provinceCode).getResultList();
        rows.forEach(r -> colours.put((String) r[0], (String) r[1]));
        return colours;
    }
}

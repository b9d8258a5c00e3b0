package vn.hotline1022.relief.warehouses;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A warehouse (kho) where donors' goods are kept until ward volunteers take them out: the province's own (no district,
 * no ward), a district's (no ward) or a ward's.
 */
@Entity
public class Warehouse extends PanacheEntityBase {

    /** The code of a province's own warehouse, created with its first programme. */
    public static String provincialCode(String provinceCode) {
        return "PROVINCE-" + provinceCode;
    }

    @Id
    public String code;
    public String name;
    public String provinceCode;
    /** Null for the province's warehouse. */
    public String districtCode;
    /** Null for a province's or a district's warehouse. */
    public String wardCode;
    public Instant createdAt;

    public static Warehouse findByCode(String code) {
        return findById(code);
    }
}

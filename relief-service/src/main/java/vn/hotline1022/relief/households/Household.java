package vn.hotline1022.relief.households;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A household (hộ gia đình): relief is capped per household, not per case, because several members of one family
 * may call about the same hardship. Known by its ward and a salted hash of the caller's phone, never the phone.
 */
@Entity
public class Household extends PanacheEntityBase {

    @Id
    public UUID id;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public String phoneHash;
    /** Salted hash of the 12-digit citizen ID (CCCD), once an officer recorded it; matched across wards. */
    public String citizenIdHash;
    /** Salted hash of the normalised address ({@link Addresses#normalise}); matched within the ward. */
    public String addressHash;
    public int members;
    /** Vulnerability names any call from the household reported (ELDERLY, DISABILITY, ...); never removed by a call. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> vulnerabilities = new ArrayList<>();
    public Instant createdAt;
    public Instant lastCallAt;

    /**
     * A reference for public lists: enough for a family told its reference to find its line, nothing that leads back
     * to a phone or a name.
     */
    public static String maskedReference(UUID householdId) {
        String hex = householdId.toString().replace("-", "");
        return "HGĐ-****" + hex.substring(hex.length() - 4).toUpperCase();
    }
}

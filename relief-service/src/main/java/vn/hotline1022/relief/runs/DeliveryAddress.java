package vn.hotline1022.relief.runs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where a case's package goes: the household's address, phone and name in clear, for the run sheet of officers of its
 * district only, and only until its packages are delivered (see {@link DeliveryAddresses}). The personal fields are
 * null once erased. Deliberately no field-revealing {@code toString}: nothing here may reach a log.
 */
@Entity
public class DeliveryAddress extends PanacheEntityBase {

    @Id
    public UUID caseId;
    public String caseCode;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public String addressText;
    public String phone;
    public String recipientName;
    public Instant receivedAt;
    /** Erased at this instant at the latest, delivered or not. */
    public Instant eraseAfter;
    public Instant erasedAt;

    public boolean erased() {
        return erasedAt != null;
    }

    @Override
    public String toString() {
        return "DeliveryAddress[" + caseCode + (erased() ? ", erased" : "") + "]";
    }
}

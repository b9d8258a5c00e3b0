package vn.hotline1022.notification.contacts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How to reach the citizen of a case, kept from CallReceived (the only event with the caller's identity). The only
 * place this service holds phone numbers and names: log the case code, never these fields.
 */
@Entity
@Table(name = "case_contact") // the table keeps its name
public class CitizenContact extends PanacheEntityBase {
    @Id
    public UUID caseId;
    public String caseCode;
    public String phone;
    public String name;
    /** {@code vi} or {@code en}: the language of the citizen's notices. */
    public String language;
    public Instant receivedAt;
    /** Where the case is: its notices are read only by staff of this province (and district). */
    public String provinceCode;
    public String districtCode;

    @Override
    public String toString() {
        return "CitizenContact[" + caseCode + "]";
    }
}

package vn.hotline1022.dispatch.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Id;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How a field team finds a household: kept only while the case may still get a team or its visit is recent (see
 * {@link HouseholdContacts}). The personal fields are null once erased. No {@code toString}: nothing here may reach a log.
 */
@Entity
@Table(name = "case_contact") // the table keeps its name
public class HouseholdContact extends PanacheEntityBase {

    @Id
    public UUID caseId;
    public String caseCode;
    public String wardCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> needs;
    public String addressText;
    public String phone;
    public String callerName;
    public String notes;
    public Instant receivedAt;
    /** After this instant, unless an assignment of the case is live, the personal fields are erased. */
    public Instant eraseAfter;
    public Instant erasedAt;

    public boolean erased() {
        return erasedAt != null;
    }

    @Override
    public String toString() {
        return "HouseholdContact[" + caseCode + (erased() ? ", erased" : "") + "]";
    }
}

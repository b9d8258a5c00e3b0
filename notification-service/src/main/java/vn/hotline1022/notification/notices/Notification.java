package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One notice to one recipient through one channel: the delivery log. */
@Entity
public class Notification extends PanacheEntityBase {

    /** SENDING only inside the transaction that claimed the row; others see SENT or FAILED. */
    public enum Status {
        SENDING, SENT, FAILED
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID sourceEventId;
    public String sourceEventType;
    public String recipientKind;
    public String channel;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public String error;
    public String providerId;
    public String text;
    public Instant createdAt;
    public Instant sentAt;

    public static List<Notification> forCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt, id", caseId);
    }
}

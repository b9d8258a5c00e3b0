package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.notification.contacts.CitizenContact;

/** One notice to one recipient through one channel: the delivery log (nhật ký gửi tin). */
@Entity
public class Notification extends PanacheEntityBase {

    /**
     * PENDING until a sender delivers it (SENT), gives up after the last attempt (FAILED) or finds the citizen opted
     * out (SUPPRESSED). SENDING is left from the first version, which sent inside the inbox transaction.
     */
    public enum Status {
        PENDING, SENDING, SENT, FAILED, SUPPRESSED
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID sourceEventId;
    public String sourceEventType;
    public String recipientKind;
    /** An official's or ops' e-mail address; empty for the citizen (whose number stays in case_contact). */
    public String recipientAddress;
    public String channel;
    @Enumerated(EnumType.STRING)
    public Status status;
    public boolean urgent;
    public int attempts;
    public String error;
    public String providerId;
    public String subject;
    public String text;
    /** A file mailed with the notice (the weekly report's CSV); null for most notices. */
    public String attachmentName;
    public String attachmentType;
    public String attachment;
    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant lastAttemptAt;
    public Instant sentAt;
    /** The W3C traceparent of the event that asked for the notice; it is sent in that trace. */
    public String traceParent;

    /** The case's place, for the live feed's readers (not stored here: case_contact holds it). */
    @jakarta.persistence.Transient
    public String provinceCode;
    @jakarta.persistence.Transient
    public String districtCode;

    /** A detached copy as the row is now, for the live feed after the transaction ends. */
    public Notification snapshot() {
        Notification c = new Notification();
        c.id = id;
        c.caseId = caseId;
        c.caseCode = caseCode;
        c.sourceEventId = sourceEventId;
        c.sourceEventType = sourceEventType;
        c.recipientKind = recipientKind;
        c.recipientAddress = recipientAddress;
        c.channel = channel;
        c.status = status;
        c.urgent = urgent;
        c.attempts = attempts;
        c.error = error;
        c.providerId = providerId;
        c.subject = subject;
        c.text = text;
        c.createdAt = createdAt;
        c.nextAttemptAt = nextAttemptAt;
        c.lastAttemptAt = lastAttemptAt;
        c.sentAt = sentAt;
        CitizenContact contact = caseId == null ? null : CitizenContact.findById(caseId);
        if (contact != null) {
            c.provinceCode = contact.provinceCode;
            c.districtCode = contact.districtCode;
        }
        return c;
    }

    public static List<Notification> forCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt, id", caseId);
    }

    @Override
    public String toString() {
        return "Notification[" + id + " case=" + caseCode + " " + recipientKind + " via " + channel + " " + status + "]";
    }
}

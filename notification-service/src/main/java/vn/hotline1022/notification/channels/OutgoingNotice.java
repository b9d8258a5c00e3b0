package vn.hotline1022.notification.channels;

import java.util.UUID;

import vn.hotline1022.text.Masking;

/**
 * One rendered notice for one recipient.
 *
 * @param notificationId the delivery-log row; passed to the gateway as a reference so a retry can be matched
 * @param subject        for e-mail; null for short messages
 * @param to             E.164 phone number or e-mail address: personal data, so {@link #toString()} masks it
 * @param text           what the recipient reads, receipt codes included
 * @param loggableText   the same with secrets (receipt codes) masked: what a channel may log
 */
public record OutgoingNotice(UUID notificationId, String caseCode, String subject, String to, String text,
        String loggableText, Attachment attachment) {

    /** A file sent with an e-mail, e.g. the weekly report's CSV. */
    public record Attachment(String name, String contentType, String content) {
    }

    public OutgoingNotice(UUID notificationId, String caseCode, String subject, String to, String text,
            String loggableText) {
        this(notificationId, caseCode, subject, to, text, loggableText, null);
    }

    /** A notice whose text holds nothing secret: logs may show it as sent. */
    public OutgoingNotice(UUID notificationId, String caseCode, String subject, String to, String text) {
        this(notificationId, caseCode, subject, to, text, text);
    }

    /** A short message (SMS, Zalo, console) to a phone number. */
    public OutgoingNotice(UUID notificationId, String caseCode, String phone, String text) {
        this(notificationId, caseCode, null, phone, text);
    }

    public String phone() {
        return to;
    }

    @Override
    public String toString() {
        return "OutgoingNotice[" + notificationId + " case=" + caseCode + " to=" + maskedRecipient() + "]";
    }

    /** The recipient as logs may show it. */
    public String maskedRecipient() {
        return mask(to);
    }

    /** A phone number or an e-mail address as logs may show it. */
    public static String mask(String address) {
        return Masking.contact(address);
    }
}

package vn.hotline1022.notification.channels;

import java.util.UUID;

/**
 * One rendered notice for one recipient.
 *
 * @param notificationId the delivery-log row; passed to the gateway as a reference so a retry can be matched
 * @param phone          E.164; the only personal data here, so {@link #toString()} masks it
 */
public record OutgoingNotice(UUID notificationId, String caseCode, String phone, String text) {

    @Override
    public String toString() {
        return "OutgoingNotice[" + notificationId + " case=" + caseCode + " to=" + maskPhone(phone) + "]";
    }

    /** Country code and last three digits, as {@code Caller.toString}; a fixed number of stars hides the length. */
    /** The recipient as logs may show it. */
    public String maskedRecipient() {
        return maskPhone(phone);
    }

    public static String maskPhone(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() < 7) {
            return "*****";
        }
        return phone.substring(0, 3) + "*****" + phone.substring(phone.length() - 3);
    }
}

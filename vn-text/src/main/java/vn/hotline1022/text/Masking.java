package vn.hotline1022.text;

/**
 * Personal data as logs, events' {@code toString} and ops screens may show it: enough to tell two values apart at a
 * glance, never enough to call or find the person.
 */
public final class Masking {

    private Masking() {
    }

    /** First three characters and last three digits; a fixed number of stars hides the length. */
    public static String phone(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() < 7) {
            return "*****";
        }
        return phone.substring(0, 3) + "*****" + phone.substring(phone.length() - 3);
    }

    /** First letter and the domain: enough to tell mailboxes of different offices apart. */
    public static String email(String email) {
        if (email == null) {
            return "null";
        }
        int at = email.indexOf('@');
        return (at > 0 ? email.substring(0, 1) : "") + "***" + (at >= 0 ? email.substring(at) : "");
    }

    /** A phone number or an e-mail address, whichever it is. */
    public static String contact(String address) {
        return address != null && address.contains("@") ? email(address) : phone(address);
    }

    /** The first letter (code point) of a name: "Nguyễn Văn An" is {@code N***}. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return String.valueOf(name);
        }
        String trimmed = name.strip();
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + "***";
    }

    /** No part of a house address is shown: the ward, carried by code elsewhere, is what ops need. */
    public static String address(String address) {
        return address == null ? "null" : "***";
    }
}

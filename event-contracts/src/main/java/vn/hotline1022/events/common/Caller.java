package vn.hotline1022.events.common;

import vn.hotline1022.text.Masking;

/**
 * The citizen who called.
 *
 * @param phone the one form on the wire, the national form of {@code vn.hotline1022.text.PhoneNumbers}: digits only
 *              with a leading 0, e.g. {@code 0912345678} (mobile) or {@code 02743822123} (landline); never E.164,
 *              which only the SMS and Zalo gateways get
 */
public record Caller(String name, String phone) {

    /** Masked: events get logged, and a record's default toString would put personal data in the logs. */
    @Override
    public String toString() {
        return "Caller[name=" + Masking.name(name) + ", phone=" + Masking.phone(phone) + "]";
    }
}

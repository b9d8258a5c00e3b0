package vn.hotline1022.events;

import java.util.UUID;

/**
 * An event about one case. Keyed by the case id so that every event of a case lands on the same partition and is
 * consumed in order.
 */
public interface CaseEvent extends HotlineEvent {

    UUID caseId();

    /** Human-readable code read out on the phone, e.g. {@code BD-20210817-0042}; never used as an identity. */
    String caseCode();

    @Override
    default String key() {
        return caseId().toString();
    }
}

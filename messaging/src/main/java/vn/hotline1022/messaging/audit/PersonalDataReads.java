package vn.hotline1022.messaging.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.messaging.sql.Jdbc;

/**
 * The record, in every service, of each time someone was shown a citizen's phone, address, name or health data: who,
 * what kind, which case (or how many rows of a list). The data itself is never written here. A table of the shared
 * library (db/messaging) like the outbox, so every service keeps it the same way.
 */
@ApplicationScoped
public class PersonalDataReads {

    @Inject
    Jdbc jdbc;

    /**
     * @param actor  the login name of the reader
     * @param what   what they were shown, e.g. {@code HOUSEHOLD_CONTACT}, {@code RUN_SHEET}, {@code REFERRAL}
     * @param detail no personal data: a filter, a page, a count
     */
    @Transactional
    public void record(String actor, String what, UUID caseId, String caseCode, String detail) {
        jdbc.update("insert into personal_data_read (at, actor, what, case_id, case_code, detail)"
                + " values (?, ?, ?, ?, ?, ?)", Instant.now(), actor, what, caseId, caseCode, detail);
    }

    /** One row per case of a list the reader was shown, in one statement. */
    @Transactional
    public void recordEach(String actor, String what, Map<UUID, String> caseCodes, String detail) {
        if (caseCodes.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(caseCodes.keySet());
        jdbc.update("insert into personal_data_read (at, actor, what, case_id, case_code, detail)"
                + " select ?, ?, ?, c.id, c.code, ? from unnest(?::uuid[], ?::text[]) as c (id, code)",
                Instant.now(), actor, what, detail, ids.stream().map(UUID::toString).toArray(String[]::new),
                ids.stream().map(caseCodes::get).toArray(String[]::new));
    }
}

package vn.hotline1022.intake.cases;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.StartupEvent;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;

/**
 * Human-readable case codes, numbered per province and local day: {@code BD-20210817-0042-K7M} is Bình Dương's 42nd
 * case of 17 August 2021 (Vietnam time). Four digits, more on a day with over 9,999 cases. The three random letters
 * and digits at the end (no 0/O, 1/I/L, so they read out clearly on the phone) make a code impossible to guess from
 * the date and the day's count: with the phone, it is what a citizen proves the case is theirs with.
 *
 * <p>The number is the province's sequence value less the day's base (the sequence's value when the day's first case
 * was numbered): concurrent calls on any instance never share a number and never wait for each other's transaction,
 * which a counter row locked until each case commits made them do. A call whose transaction rolls back leaves its
 * number unused.
 */
@ApplicationScoped
public class CaseCodes {

    /** Every case code, older ones without the random suffix included. The one home of this rule. */
    public static final String PATTERN = "[A-Z]{1,4}-\\d{8}-\\d{4,}(-[A-HJKMNP-Z2-9]{3})?";
    public static final String EXAMPLE = "BD-20210817-0042-K7M";
    private static final String SUFFIX_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{1,4}");

    /** Codes carry the local date in Vietnam, where agents read them out. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** No row while the day has no base yet: then nextval is not taken. */
    private static final String NEXT = """
            select nextval(cast(?3 as regclass)) - base from case_day_base
            where province_code = ?1 and local_day = ?2
            """;
    /**
     * The day's base, once: the sequence's current value, less the numbers a day begun under the former counter row
     * has given. A second instance inserting at once waits for the first and then finds its row.
     */
    private static final String BASE = """
            insert into case_day_base (province_code, local_day, base)
            values (?1, ?2, coalesce(pg_sequence_last_value(cast(?3 as regclass)), 0)
                - coalesce((select last_number from case_counter where province_code = ?1 and local_day = ?2), 0))
            on conflict (province_code, local_day) do nothing
            """;

    @Inject
    EntityManager em;

    @Inject
    AdvisoryLocks locks;

    @Inject
    AdminUnits units;

    /** Every province of the reference data gets its sequence before the first call is taken. */
    @Transactional
    void createSequences(@Observes StartupEvent start) {
        locks.lock(LockSpace.CASE_NUMBERS, "sequences"); // two instances starting at once
        List<AdminUnits.Province> provinces = units.provinces();
        for (AdminUnits.Province p : provinces) {
            em.createNativeQuery("create sequence if not exists " + sequence(p.code())).executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(AdminUnits.Province province, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, VIETNAM);
        String sequence = sequence(province.code());
        List<?> n = number(province, day, sequence);
        if (n.isEmpty()) { // the day's first case in the province
            em.createNativeQuery(BASE).setParameter(1, province.code()).setParameter(2, day)
                    .setParameter(3, sequence).executeUpdate();
            n = number(province, day, sequence);
        }
        return "%s-%s-%04d-%s".formatted(province.shortCode(), DAY.format(day), ((Number) n.get(0)).longValue(),
                suffix());
    }

    private List<?> number(AdminUnits.Province province, LocalDate day, String sequence) {
        return em.createNativeQuery(NEXT).setParameter(1, province.code()).setParameter(2, day)
                .setParameter(3, sequence).getResultList();
    }

    /** The sequence of a province: named by its GSO code, digits only (checked, as it is spelled into DDL). */
    static String sequence(String provinceCode) {
        if (!PROVINCE_CODE.matcher(provinceCode).matches()) {
            throw new IllegalArgumentException("not a province code: " + provinceCode);
        }
        return "case_number_" + provinceCode;
    }

    private static String suffix() {
        char[] c = new char[3];
        for (int i = 0; i < c.length; i++) {
            c[i] = SUFFIX_LETTERS.charAt(RANDOM.nextInt(SUFFIX_LETTERS.length()));
        }
        return new String(c);
    }
}

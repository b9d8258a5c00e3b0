package vn.hotline1022.intake.calls;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.hotline1022.intake.geography.AdminUnits;

/**
 * Human-readable case codes, numbered per province and local day: {@code BD-20210817-0042-K7M} is Bình Dương's 42nd
 * case of 17 August 2021 (Vietnam time). Four digits, more on a day with over 9,999 cases. The three random letters
 * and digits at the end (no 0/O, 1/I/L, so they read out clearly on the phone) make a code impossible to guess from
 * the date and the day's count: with the phone, it is what a citizen proves the case is theirs with. The counter row is taken with an
 * atomic upsert, so concurrent calls (on any instance) never share a number; it is locked until the case commits, so
 * numbers have no gaps.
 */
@ApplicationScoped
public class CaseCodes {

    /** Every case code, older ones without the random suffix included. The one home of this rule. */
    public static final String PATTERN = "[A-Z]{1,4}-\\d{8}-\\d{4,}(-[A-HJKMNP-Z2-9]{3})?";
    public static final String EXAMPLE = "BD-20210817-0042-K7M";
    private static final String SUFFIX_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Codes carry the local date in Vietnam, where agents read them out. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String NEXT = """
            insert into case_counter (province_code, local_day, last_number) values (?1, ?2, 1)
            on conflict (province_code, local_day) do update set last_number = case_counter.last_number + 1
            returning last_number
            """;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(AdminUnits.Province province, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, VIETNAM);
        int n = ((Number) em.createNativeQuery(NEXT).setParameter(1, province.code()).setParameter(2, day)
                .getSingleResult()).intValue();
        return "%s-%s-%04d-%s".formatted(province.shortCode(), DAY.format(day), n, suffix());
    }

    private static String suffix() {
        char[] c = new char[3];
        for (int i = 0; i < c.length; i++) {
            c[i] = SUFFIX_LETTERS.charAt(RANDOM.nextInt(SUFFIX_LETTERS.length()));
        }
        return new String(c);
    }
}

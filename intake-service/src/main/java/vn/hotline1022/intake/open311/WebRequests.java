package vn.hotline1022.intake.open311;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.intake.calls.CallTaker;
import vn.hotline1022.intake.calls.NewCall;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.messaging.sql.SqlValues;

/**
 * A request made without signing in waits until its phone is confirmed: the request is kept with its phone, a code
 * is texted to the phone (PhoneConfirmationRequested; notification derives the code, it never travels), and only
 * the right code, within ten minutes and five tries, opens the case, once. The phone and the request are erased when
 * the case opens or the code expires.
 */
@ApplicationScoped
public class WebRequests {

    static final Duration VALID_FOR = Duration.ofMinutes(10);
    static final int MAX_FAILURES = 5;
    /** Calls taken from the web carry this instead of an agent's name. */
    static final String TAKEN_BY = "open311:web";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String ERASE_EXPIRED = """
            update web_request set phone = null, request = null where expires_at < ?1 and phone is not null
            """;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CallTaker callTaker;

    @ConfigProperty(name = "hotline.recipient-code-secret")
    String secret;

    /** What a confirmation attempt came to; failures are thrown only after their count has committed. */
    private enum Attempt {
        OPENED, UNKNOWN, EXPIRED, WRONG, LOCKED
    }

    /** Keeps {@code call} (its phone in the national form) and asks for its phone's code; returns the request's id. */
    @Transactional
    public UUID ask(NewCall call, String phone) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(VALID_FOR);
        em.createNativeQuery("""
                insert into web_request (request_id, phone, request, created_at, expires_at) values (?1, ?2, ?3, ?4, ?5)
                """).setParameter(1, id).setParameter(2, phone).setParameter(3, toJson(call)).setParameter(4, now)
                .setParameter(5, expires).executeUpdate();
        outbox.publish(new PhoneConfirmationRequested(id, now, phone, expires));
        return id;
    }

    /** The case the confirmed request opened (or joined); the same answer when the right code comes again. */
    public String confirm(UUID id, String code) {
        String[] caseCode = new String[1];
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> attempt(id, code, caseCode));
        return switch (attempt) {
            case OPENED -> caseCode[0];
            case UNKNOWN -> throw ProblemException.notFound("request " + id);
            case EXPIRED -> throw new ProblemException(410, "Code expired",
                    "The code is no longer valid; file the request again", List.of());
            case LOCKED -> throw new ProblemException(429, "Too many wrong codes",
                    "This request is locked after " + MAX_FAILURES + " wrong codes; file it again", List.of());
            case WRONG -> throw ProblemException.invalidField("code", "is not the code sent to this phone");
        };
    }

    /** The case code of a confirmed request; empty while it waits for its code (or when it expired). */
    public Optional<String> caseOf(UUID id) {
        List<?> rows = em.createNativeQuery("select case_code from web_request where request_id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("request " + id);
        }
        return Optional.ofNullable((String) rows.get(0));
    }

    @Scheduled(identity = "web-request-erasure", every = "1m", delayed = "30s")
    @Transactional
    void eraseExpiredOnSchedule() {
        eraseExpired();
    }

    /** Erases the phone and request of every request whose code expired unconfirmed; returns how many. */
    @Transactional
    public int eraseExpired() {
        return em.createNativeQuery(ERASE_EXPIRED).setParameter(1, Instant.now()).executeUpdate();
    }

    private Attempt attempt(UUID id, String code, String[] caseCode) {
        List<?> rows = em.createNativeQuery("""
                select phone, request, failures, expires_at, case_code from web_request where request_id = ?1
                for update
                """).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Attempt.UNKNOWN;
        }
        Object[] row = (Object[]) rows.get(0);
        int failures = ((Number) row[2]).intValue();
        if (failures >= MAX_FAILURES) {
            return Attempt.LOCKED;
        }
        boolean right = MessageDigest.isEqual(RecipientCode.phoneConfirmation(secret, id)
                .getBytes(StandardCharsets.UTF_8), code.strip().getBytes(StandardCharsets.UTF_8));
        if (!right) {
            em.createNativeQuery("update web_request set failures = failures + 1 where request_id = ?1")
                    .setParameter(1, id).executeUpdate();
            return failures + 1 >= MAX_FAILURES ? Attempt.LOCKED : Attempt.WRONG;
        }
        if (row[4] != null) {
            caseCode[0] = (String) row[4];
            return Attempt.OPENED;
        }
        if (row[0] == null || SqlValues.instant(row[3]).isBefore(Instant.now())) {
            return Attempt.EXPIRED;
        }
        NewCall call = fromJson((String) row[1]);
        CallTaker.Taken taken = callTaker.take(call, TAKEN_BY);
        em.createNativeQuery("""
                update web_request set case_code = ?2, phone = null, request = null where request_id = ?1
                """).setParameter(1, id).setParameter(2, taken.hotlineCase().code).executeUpdate();
        caseCode[0] = taken.hotlineCase().code;
        return Attempt.OPENED;
    }

    private static String toJson(NewCall call) {
        try {
            return JSON.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a NewCall always serialises", e);
        }
    }

    private static NewCall fromJson(String json) {
        try {
            return JSON.readValue(json, NewCall.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept request no longer reads", e);
        }
    }
}

package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.intake.audit.AuditTrail;

/**
 * Agents close what is left of a case by hand with a reason (đóng hồ sơ thủ công), and open a need again; each is on
 * the timeline and in the audit trail, so officials see every manual closure. Answers are values: the resource maps
 * them to HTTP.
 */
@ApplicationScoped
public class ManualClosures {

    private static final Logger LOG = Logger.getLogger(ManualClosures.class);

    /** What came of a request: done, or why not (unknown or out of the caller's area, or refused by the rules). */
    public sealed interface Result permits Done, NotFound, Refused {
    }

    public record Done(HotlineCase hotlineCase) implements Result {
    }

    public record NotFound() implements Result {
    }

    public record Refused(String reason) implements Result {
    }

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    AuditTrail audit;

    @Transactional
    public Result close(String code, Scope scope, String agent, CloseReason reason, String note) {
        HotlineCase c = lockInScope(code, scope).orElse(null);
        if (c == null) {
            return new NotFound();
        }
        if (c.status == CaseStatus.RESOLVED) {
            return new Refused("hồ sơ đã hoàn tất; mở lại một nhu cầu trước khi đóng");
        }
        Instant now = Instant.now();
        String said = note == null || note.isBlank() ? "" : ": " + note.strip();
        lifecycle.resolve(c, now, agent, reason, note, new Summary(
                "Tổng đài viên " + agent + " đóng hồ sơ (" + reason.vi() + ")" + said,
                "Agent " + agent + " closed the case (" + reason.name().toLowerCase().replace('_', ' ') + ")" + said));
        audit.record(AuditTrail.Action.CASE_CLOSED_BY_HAND, c.id, c.code, reason.name());
        LOG.infof("Case %s closed by hand: %s", c.code, reason);
        return new Done(c);
    }

    @Transactional
    public Result reopen(String code, Scope scope, String agent, Track track, String reason) {
        HotlineCase c = lockInScope(code, scope).orElse(null);
        if (c == null) {
            return new NotFound();
        }
        Optional<String> refused = lifecycle.reopenTrack(c, track, Instant.now(), agent, reason.strip());
        if (refused.isPresent()) {
            return new Refused(refused.get());
        }
        audit.record(AuditTrail.Action.CASE_NEED_REOPENED, c.id, c.code, track.name());
        LOG.infof("Case %s: need %s reopened by hand", c.code, track);
        return new Done(c);
    }

    /** A case outside the caller's provinces is as unknown as a case that does not exist. */
    private static Optional<HotlineCase> lockInScope(String code, Scope scope) {
        return HotlineCase.<HotlineCase> find("code", code)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .filter(c -> scope.covers(c.provinceCode, c.districtCode));
    }
}

package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Service;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;

/**
 * Who hears about which event, and what the text may say: one row per event type. The text itself is the Qute template
 * {@code templates/notices/<EventName>.<lang>.txt}; a row here gives it its values.
 *
 * <p>Only the citizen is told for now. Hospitals see their referrals in referral-service's API, so PatientReferred is
 * not here; the citizen hears once a hospital has accepted (ReferralAccepted). Teams, ward officials and ops come with
 * their channels.
 */
public final class NoticeRules {

    public enum Recipient {
        CITIZEN
    }

    /** One row: the recipients and the template values taken from the event (values may be null). */
    public record Rule(EventType type, Set<Recipient> recipients, Function<CaseEvent, Map<String, Object>> values) {
    }

    /** Dates are read by people in Vietnam: local date, day first. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private static final Map<EventType, Rule> RULES = new EnumMap<>(EventType.class);

    static {
        citizen(EventType.CALL_RECEIVED, e -> values(e));
        citizen(EventType.DISPATCH_QUEUED, e -> values(e));
        citizen(EventType.TEAM_DISPATCHED, e -> values(e, "teamName", ((TeamDispatched) e).teamName()));
        citizen(EventType.REFERRAL_ACCEPTED, e -> {
            ReferralAccepted a = (ReferralAccepted) e;
            return values(e, "hospitalName", a.hospitalName(), "bedLabel", a.bedLabel());
        });
        citizen(EventType.RELIEF_SCHEDULED, e -> values(e, "expectedBy", date(((ReliefScheduled) e).expectedBy())));
        citizen(EventType.RELIEF_DELIVERED, e -> values(e, "deliveredBy", ((ReliefDelivered) e).deliveredBy()));
        citizen(EventType.RELIEF_REFUSED, e -> {
            ReliefRefused r = (ReliefRefused) e;
            return values(e, "reason", r.reason(), "queued", r.queued());
        });
    }

    private NoticeRules() {
    }

    public static Optional<Rule> forType(EventType type) {
        return Optional.ofNullable(RULES.get(type));
    }

    /** The event types of one upstream service that this service reacts to (CallReceived always, for the contact). */
    public static Set<EventType> consumedFrom(Service service) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        RULES.keySet().stream().filter(t -> t.service() == service).forEach(types::add);
        if (service == Service.INTAKE) {
            types.add(EventType.CALL_RECEIVED);
        }
        return types;
    }

    private static void citizen(EventType type, Function<CaseEvent, Map<String, Object>> values) {
        RULES.put(type, new Rule(type, EnumSet.of(Recipient.CITIZEN), values));
    }

    private static Map<String, Object> values(CaseEvent e, Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("caseCode", e.caseCode());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static String date(Instant at) {
        return at == null ? null : DATE.format(at);
    }
}

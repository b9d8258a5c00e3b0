package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Service;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.notification.channels.OutgoingNotice;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.ops.OpsAlertRaised;
import vn.hotline1022.events.ops.OpsAlertResolved;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.RecipientCodeReissued;
import vn.hotline1022.events.relief.ReliefScheduled;

/**
 * Who hears about which event, and what the text may say: one row per event type. The text itself is the Qute template
 * {@code templates/notices/<EventName>.<lang>.txt} for the citizen and
 * {@code templates/notices/<recipient>/<EventName>.<lang>.txt} for the others; a row here gives it its values.
 *
 * <p>Citizens hear of every step that concerns them. Ward/district officials (by the case's district, addresses in
 * {@code hotline.notification.officials}) hear of escalations and of cases waiting for a team; ops of expired
 * referrals and of notices that could not be delivered. Hospitals (by facility code,
 * {@code hotline.notification.hospitals}) are asked for a bed and told when the question expired; a dispatched team (by team code,
 * {@code hotline.notification.teams}) gets an SMS so it opens the app even when the app is not in front of it. Their
 * texts carry codes, bed type and severity, never the patient's name or phone.
 *
 * <p>Urgent notices (the acknowledgement of a call, emergency dispatch, referral) ignore quiet hours and the
 * per-recipient rate limit; relief notices can wait until morning.
 */
public final class NoticeRules {

    public enum Recipient {
        CITIZEN, OFFICIAL, OPS, HOSPITAL, TEAM,
        /** The phone given with a web request, before any case exists: texted its confirmation code, nothing else. */
        REQUESTER,
        /** A group channel (a Zalo group, a webhook) following zone changes, SLA breaches or daily summaries. */
        GROUP;

        /** Folder of the recipient's templates under {@code templates/notices/}; the citizen's are at the top. */
        public String templateFolder() {
            return this == CITIZEN ? "" : name().toLowerCase() + "/";
        }
    }

    /**
     * One row: the recipients, the template values taken from the event (values may be null), whether it is urgent,
     * the district whose officials hear of it (null when none), and the code of the hospital or team that hears of it
     * (facility code or team code; null when none).
     */
    public record Rule(EventType type, Set<Recipient> recipients, Function<CaseEvent, Map<String, Object>> values,
            boolean urgent, Function<CaseEvent, String> district, Function<CaseEvent, String> code,
            Function<CaseEvent, OutgoingNotice.Attachment> attachment) {
    }

    /** Dates are read by people in Vietnam: local date, day first. */
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(VIETNAM);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

    private static final Map<EventType, Rule> RULES = new EnumMap<>(EventType.class);

    /** Values for previews: every name a template uses, with a plausible value. */
    private static final Map<String, Object> SAMPLES = new LinkedHashMap<>();

    static {
        // A violation report (phản ánh vi phạm) goes to the officials of its district, who verify it.
        rule(EventType.CALL_RECEIVED, true, EnumSet.of(Recipient.CITIZEN, Recipient.OFFICIAL), e -> {
            CallReceived c = (CallReceived) e;
            return c.needs().contains(Need.VIOLATION_REPORT) && c.location() != null ? c.location().districtCode()
                    : null;
        }, null, e -> {
            CallReceived c = (CallReceived) e;
            return values(e, "wardCode", c.location() == null ? null : c.location().wardCode(), "districtCode",
                    c.location() == null ? null : c.location().districtCode(), "notes", c.notes());
        });
        rule(EventType.DISPATCH_QUEUED, true, EnumSet.of(Recipient.CITIZEN, Recipient.OFFICIAL),
                e -> ((DispatchQueued) e).districtCode(), null, e -> {
                    DispatchQueued q = (DispatchQueued) e;
                    return values(e, "wardCode", q.wardCode(), "districtCode", q.districtCode(), "reason", q.reason(),
                            "priority", q.priority(), "needs", needs(q.needs()));
                });
        rule(EventType.TEAM_DISPATCHED, true, EnumSet.of(Recipient.CITIZEN, Recipient.TEAM), null,
                e -> ((TeamDispatched) e).teamCode(), e -> {
                    TeamDispatched d = (TeamDispatched) e;
                    return values(e, "teamName", d.teamName(), "teamCode", d.teamCode());
                });
        // The visit is over: the citizen is asked whether help came (DANHAN / CHUANHAN back to 1022).
        rule(EventType.DISPATCH_COMPLETED, false, EnumSet.of(Recipient.CITIZEN), null, null, e -> values(e));
        // The hospital must answer before the deadline, or the patient is referred elsewhere.
        rule(EventType.PATIENT_REFERRED, true, EnumSet.of(Recipient.HOSPITAL), null,
                e -> ((PatientReferred) e).hospitalCode(), e -> {
                    PatientReferred r = (PatientReferred) e;
                    return values(e, "hospitalName", r.hospitalName(), "hospitalCode", r.hospitalCode(),
                            "bedType", r.bedType() == null ? null : r.bedType().name(),
                            "severity", r.severity() == null ? null : r.severity().name(),
                            "answerDeadline", dateTime(r.answerDeadline()), "attempt", r.attempt());
                });
        rule(EventType.REFERRAL_ACCEPTED, true, EnumSet.of(Recipient.CITIZEN), null, null, e -> {
            ReferralAccepted a = (ReferralAccepted) e;
            return values(e, "hospitalName", a.hospitalName(), "bedLabel", a.bedLabel());
        });
        // The family gets ready: the ambulance is coming to take the patient to the hospital that holds the bed.
        rule(EventType.TRANSPORT_DISPATCHED, true, EnumSet.of(Recipient.CITIZEN), null, null, e -> {
            TransportDispatched t = (TransportDispatched) e;
            return values(e, "teamCode", t.teamCode(), "hospitalName", t.hospitalName());
        });
        // Urgent too: a family waiting for this news is not kept until the morning.
        rule(EventType.PATIENT_ADMITTED, true, EnumSet.of(Recipient.CITIZEN), null, null, e -> {
            PatientAdmitted a = (PatientAdmitted) e;
            return values(e, "hospitalName", a.hospitalName());
        });
        rule(EventType.RELIEF_SCHEDULED, false, EnumSet.of(Recipient.CITIZEN), null, null,
                e -> values(e, "expectedBy", date(((ReliefScheduled) e).expectedBy()),
                        // The code the household shows at the door, put in only when sent (ReceiptCodes).
                        "recipientCode", ReceiptCodes.placeholder(((ReliefScheduled) e).deliveryId(), 0)));
        // Urgent: a volunteer may be waiting at the door for it.
        rule(EventType.RECIPIENT_CODE_REISSUED, true, EnumSet.of(Recipient.CITIZEN), null, null, e -> {
            RecipientCodeReissued r = (RecipientCodeReissued) e;
            return values(e, "recipientCode", ReceiptCodes.placeholder(r.deliveryId(), r.round()));
        });
        rule(EventType.RELIEF_DELIVERED, false, EnumSet.of(Recipient.CITIZEN), null, null,
                e -> values(e, "deliveredBy", ((ReliefDelivered) e).deliveredBy()));
        rule(EventType.RELIEF_REFUSED, false, EnumSet.of(Recipient.CITIZEN), null, null, e -> {
            ReliefRefused r = (ReliefRefused) e;
            return values(e, "reason", r.reason(), "queued", r.queued());
        });
        // A missed deadline: the district's officials, and the groups that follow SLA breaches there.
        rule(EventType.CASE_ESCALATED, true, EnumSet.of(Recipient.OFFICIAL, Recipient.GROUP),
                e -> ((CaseEscalated) e).location() == null ? null : ((CaseEscalated) e).location().districtCode(),
                null, e -> {
                    CaseEscalated c = (CaseEscalated) e;
                    return values(e, "level", c.level() == null ? null : c.level().name(), "reason", c.reason(),
                            "priority", c.priority(), "needs", needs(c.needs()),
                            "districtCode", c.location() == null ? null : c.location().districtCode(),
                            "wardCode", c.location() == null ? null : c.location().wardCode());
                });
        // Ops check the re-routing; the hospital learns it need not answer any more.
        rule(EventType.REFERRAL_EXPIRED, true, EnumSet.of(Recipient.OPS, Recipient.HOSPITAL), null,
                e -> ((ReferralExpired) e).hospitalCode(), e -> {
                    ReferralExpired x = (ReferralExpired) e;
                    return values(e, "referralId", x.referralId(), "hospitalId", x.hospitalId(), "hospitalCode",
                            x.hospitalCode(), "deadline", dateTime(x.deadline()));
                });
        // The district's officials learn that a patient waits for a bed, so that they can find one beyond the routine.
        rule(EventType.REFERRAL_WAITING, true, EnumSet.of(Recipient.OFFICIAL), e -> ((ReferralWaiting) e).districtCode(),
                null, e -> {
                    ReferralWaiting w = (ReferralWaiting) e;
                    return values(e, "bedType", w.bedType() == null ? null : w.bedType().name(), "since",
                            dateTime(w.since()), "districtCode", w.districtCode());
                });
        // The weekly report of a province or district, to its officials (keyed by the area's code), the CSV attached.
        // The code is a placeholder until the gateway gets the text (ReceiptCodes), as for receipt codes.
        rule(EventType.PHONE_CONFIRMATION_REQUESTED, true, EnumSet.of(Recipient.REQUESTER), null, null,
                e -> values(e, "code", ReceiptCodes.phoneCodePlaceholder(e.caseId())));
        rule(EventType.WEEKLY_REPORT_ISSUED, false, EnumSet.of(Recipient.OFFICIAL), e -> report(e).areaCode(), null,
                e -> values(e, "summary", report(e).summary(), "level", report(e).level(), "areaCode",
                        report(e).areaCode(), "weekStart", report(e).weekStart() == null ? null
                                : report(e).weekStart().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))));
        RULES.computeIfPresent(EventType.WEEKLY_REPORT_ISSUED, (t, r) -> new Rule(r.type(), r.recipients(),
                r.values(), r.urgent(), r.district(), r.code(), e -> new OutgoingNotice.Attachment(
                        "hotline1022-" + report(e).areaCode() + "-" + report(e).weekStart() + ".csv", "text/csv",
                        report(e).csv())));
        // Groups (GroupBroadcasts): a zone change at once, a district's day in figures after quiet hours.
        rule(EventType.ZONE_STATUS_CHANGED, true, EnumSet.of(Recipient.GROUP), null, null, e -> {
            ZoneStatusChanged z = (ZoneStatusChanged) ((SubjectNotice) e).event();
            return values(e, "wardCode", z.wardCode(), "districtCode", z.districtCode(), "previous",
                    z.previous() == null ? null : z.previous().name(), "current", z.current().name(), "reason",
                    z.reason(), "changedAt", dateTime(z.occurredAt()));
        });
        rule(EventType.DAILY_SUMMARY_ISSUED, false, EnumSet.of(Recipient.GROUP), null, null, e -> {
            DailySummaryIssued d = (DailySummaryIssued) ((SubjectNotice) e).event();
            return values(e, "summary", d.summary(), "districtCode", d.districtCode(), "day",
                    d.day() == null ? null : d.day().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        });
        // Recorded by this service itself when a notice is given up, not consumed from Kafka.
        rule(EventType.NOTIFICATION_FAILED, true, EnumSet.of(Recipient.OPS), null, null, e -> {
            NotificationFailed f = (NotificationFailed) e;
            return values(e, "eventName", EventType.fromCeType(f.sourceEventType()).map(EventType::eventName)
                    .orElse(f.sourceEventType()), "recipientKind", f.recipientKind(), "channel", f.channel(),
                    "error", f.error());
        });

        // Ops alerts (ops-service), as SubjectNotice: on-call ops are mailed when one opens and when it is resolved.
        rule(EventType.OPS_ALERT_RAISED, true, EnumSet.of(Recipient.OPS), null, null, e -> {
            OpsAlertRaised a = (OpsAlertRaised) ((SubjectNotice) e).event();
            return values(e, "rule", a.rule(), "subject", a.subject(), "severity", a.severity(), "detail",
                    a.detail());
        });
        rule(EventType.OPS_ALERT_RESOLVED, false, EnumSet.of(Recipient.OPS), null, null, e -> {
            OpsAlertResolved a = (OpsAlertResolved) ((SubjectNotice) e).event();
            return values(e, "rule", a.rule(), "subject", a.subject(), "raisedAt", dateTime(a.raisedAt()));
        });

        SAMPLES.put("caseCode", "BD-20210817-0042");
        SAMPLES.put("since", "09:40 17/08/2021");
        SAMPLES.put("notes", "Quán karaoke trên đường Nguyễn Văn Tiết vẫn mở cửa trong thời gian giãn cách");
        SAMPLES.put("summary", "Tuần 16/08/2021–22/08/2021: 412 hồ sơ, 57 vượt hạn, 12 chuyển cấp.");
        SAMPLES.put("areaCode", "718");
        SAMPLES.put("weekStart", "16/08/2021");
        SAMPLES.put("day", "17/08/2021");
        SAMPLES.put("previous", "ORANGE");
        SAMPLES.put("current", "RED");
        SAMPLES.put("changedAt", "18:00 17/08/2021");
        SAMPLES.put("rule", "CONSUMER_STALLED");
        SAMPLES.put("subject", "relief-service / hotline.intake.events");
        SAMPLES.put("severity", "CRITICAL");
        SAMPLES.put("detail", "1240 sự kiện chờ (1240 events waiting)");
        SAMPLES.put("raisedAt", "09:25 17/08/2021");
        SAMPLES.put("teamName", "Tổ PƯN Lái Thiêu");
        SAMPLES.put("teamCode", "TA-01");
        SAMPLES.put("hospitalCode", "74001");
        SAMPLES.put("bedType", "OXYGEN");
        SAMPLES.put("severity", "SEVERE");
        SAMPLES.put("answerDeadline", "10:46 17/08/2021");
        SAMPLES.put("attempt", 1);
        SAMPLES.put("hospitalName", "Bệnh viện Đa khoa tỉnh Bình Dương");
        SAMPLES.put("bedLabel", "HSTC-07");
        SAMPLES.put("expectedBy", "20/08/2021");
        SAMPLES.put("recipientCode", "482913");
        SAMPLES.put("deliveredBy", "Hội Chữ thập đỏ Thuận An");
        SAMPLES.put("reason", "OUT_OF_STOCK");
        SAMPLES.put("queued", true);
        SAMPLES.put("level", "DISTRICT");
        SAMPLES.put("priority", 1);
        SAMPLES.put("needs", "EMERGENCY_TRANSPORT");
        SAMPLES.put("districtCode", "725");
        SAMPLES.put("wardCode", "25747");
        SAMPLES.put("referralId", "6f1c1f8e-3f2a-4c55-9c62-0d1a2b3c4d5e");
        SAMPLES.put("hospitalId", "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d");
        SAMPLES.put("deadline", "14:30 17/08/2021");
        SAMPLES.put("eventName", "TeamDispatched");
        SAMPLES.put("recipientKind", "CITIZEN");
        SAMPLES.put("channel", "SMS");
        SAMPLES.put("error", "SMS gateway answered HTTP 503");
    }

    private NoticeRules() {
    }

    public static Optional<Rule> forType(EventType type) {
        return Optional.ofNullable(RULES.get(type));
    }

    /** Sample values for a preview, overridden by {@code given}. */
    public static Map<String, Object> sampleValues(Map<String, Object> given) {
        Map<String, Object> values = new HashMap<>(SAMPLES);
        if (given != null) {
            values.putAll(given);
        }
        return values;
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

    private static void rule(EventType type, boolean urgent, Set<Recipient> recipients,
            Function<CaseEvent, String> district, Function<CaseEvent, String> code,
            Function<CaseEvent, Map<String, Object>> values) {
        RULES.put(type, new Rule(type, recipients, values, urgent, district == null ? e -> null : district,
                code == null ? e -> null : code, e -> null));
    }

    private static WeeklyReportIssued report(CaseEvent e) {
        return (WeeklyReportIssued) ((SubjectNotice) e).event();
    }

    private static Map<String, Object> values(CaseEvent e, Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("caseCode", e.caseCode());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static String needs(java.util.List<? extends Enum<?>> needs) {
        return needs == null ? "" : needs.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String date(Instant at) {
        return at == null ? null : DATE.format(at);
    }

    private static String dateTime(Instant at) {
        return at == null ? null : DATE_TIME.format(at);
    }
}

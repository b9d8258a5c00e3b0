package vn.hotline1022.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TeamArrived;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.CaseOwnerAssigned;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.events.intake.CaseVerified;
import vn.hotline1022.events.intake.RepeatCallLinked;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.events.ops.OpsAlertRaised;
import vn.hotline1022.events.ops.OpsAlertResolved;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.relief.RecipientCodeReissued;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;

/**
 * The catalogue of events: the one place that says which record travels under which CloudEvents type, on which
 * topic, from which service. An event that is not here does not exist.
 *
 * <p>Versioning rule: a published type only ever changes additively (a new, optional field), which consumers
 * tolerate because {@link EventJson} ignores unknown properties. Anything else — removing, renaming or retyping a
 * field, changing its meaning, or adding a constant to an enum the event carries (older consumers cannot read it) —
 * is a breaking change and becomes a new type with the next version, e.g. {@code CallReceived.v2}, published
 * alongside v1 until every consumer has moved. Open-ended codes (reasons, outcomes decided by people) are therefore
 * Strings, not enums.
 */
public enum EventType {
    // intake-service
    CALL_RECEIVED(Service.INTAKE, "CallReceived", 1, CallReceived.class),
    REPEAT_CALL_LINKED(Service.INTAKE, "RepeatCallLinked", 1, RepeatCallLinked.class),
    CASE_NEEDS_CHANGED(Service.INTAKE, "CaseNeedsChanged", 1, CaseNeedsChanged.class),
    CASE_ESCALATED(Service.INTAKE, "CaseEscalated", 1, CaseEscalated.class),
    CASE_RESOLVED(Service.INTAKE, "CaseResolved", 1, CaseResolved.class),
    CASE_REOPENED(Service.INTAKE, "CaseReopened", 1, CaseReopened.class),
    ZONE_STATUS_CHANGED(Service.INTAKE, "ZoneStatusChanged", 1, ZoneStatusChanged.class),
    WEEKLY_REPORT_ISSUED(Service.INTAKE, "WeeklyReportIssued", 1, WeeklyReportIssued.class),
    DAILY_SUMMARY_ISSUED(Service.INTAKE, "DailySummaryIssued", 1, DailySummaryIssued.class),
    PHONE_CONFIRMATION_REQUESTED(Service.INTAKE, "PhoneConfirmationRequested", 1, PhoneConfirmationRequested.class),
    // intake-service: what ward and district officials do with a case
    CASE_OWNER_ASSIGNED(Service.INTAKE, "CaseOwnerAssigned", 1, CaseOwnerAssigned.class),
    CASE_VERIFIED(Service.INTAKE, "CaseVerified", 1, CaseVerified.class),
    CASE_HANDED_BACK(Service.INTAKE, "CaseHandedBack", 1, CaseHandedBack.class),
    // dispatch-service
    TEAM_DISPATCHED(Service.DISPATCH, "TeamDispatched", 1, TeamDispatched.class),
    TEAM_ARRIVED(Service.DISPATCH, "TeamArrived", 1, TeamArrived.class),
    DISPATCH_COMPLETED(Service.DISPATCH, "DispatchCompleted", 1, DispatchCompleted.class),
    DISPATCH_QUEUED(Service.DISPATCH, "DispatchQueued", 1, DispatchQueued.class),
    TRANSPORT_DISPATCHED(Service.DISPATCH, "TransportDispatched", 1, TransportDispatched.class),
    PATIENT_PICKED_UP(Service.DISPATCH, "PatientPickedUp", 1, PatientPickedUp.class),
    PATIENT_HANDED_OVER(Service.DISPATCH, "PatientHandedOver", 1, PatientHandedOver.class),
    // referral-service
    PATIENT_REFERRED(Service.REFERRAL, "PatientReferred", 1, PatientReferred.class),
    REFERRAL_ACCEPTED(Service.REFERRAL, "ReferralAccepted", 1, ReferralAccepted.class),
    REFERRAL_REJECTED(Service.REFERRAL, "ReferralRejected", 1, ReferralRejected.class),
    REFERRAL_EXPIRED(Service.REFERRAL, "ReferralExpired", 1, ReferralExpired.class),
    REFERRAL_WAITING(Service.REFERRAL, "ReferralWaiting", 1, ReferralWaiting.class),
    PATIENT_ADMITTED(Service.REFERRAL, "PatientAdmitted", 1, PatientAdmitted.class),
    PATIENT_DISCHARGED(Service.REFERRAL, "PatientDischarged", 1, PatientDischarged.class),
    // relief-service
    RELIEF_SCHEDULED(Service.RELIEF, "ReliefScheduled", 1, ReliefScheduled.class),
    RELIEF_DELIVERED(Service.RELIEF, "ReliefDelivered", 1, ReliefDelivered.class),
    RELIEF_REFUSED(Service.RELIEF, "ReliefRefused", 1, ReliefRefused.class),
    RECIPIENT_CODE_REISSUED(Service.RELIEF, "RecipientCodeReissued", 1, RecipientCodeReissued.class),
    // notification-service
    NOTIFICATION_SENT(Service.NOTIFICATION, "NotificationSent", 1, NotificationSent.class),
    NOTIFICATION_FAILED(Service.NOTIFICATION, "NotificationFailed", 1, NotificationFailed.class),
    // ops-service
    OPS_ALERT_RAISED(Service.OPS, "OpsAlertRaised", 1, OpsAlertRaised.class),
    OPS_ALERT_RESOLVED(Service.OPS, "OpsAlertResolved", 1, OpsAlertResolved.class);

    private static final Map<Class<? extends HotlineEvent>, EventType> BY_CLASS = new HashMap<>();
    private static final Map<String, EventType> BY_CE_TYPE = new HashMap<>();

    static {
        for (EventType t : values()) {
            if (BY_CLASS.put(t.recordClass, t) != null) {
                throw new ExceptionInInitializerError("Two event types share " + t.recordClass.getName());
            }
            if (BY_CE_TYPE.put(t.ceType, t) != null) {
                throw new ExceptionInInitializerError("Two event types share " + t.ceType);
            }
        }
    }

    private final Service service;
    private final String eventName;
    private final int version;
    private final Class<? extends HotlineEvent> recordClass;
    private final String ceType;

    EventType(Service service, String eventName, int version, Class<? extends HotlineEvent> recordClass) {
        this.service = service;
        this.eventName = eventName;
        this.version = version;
        this.recordClass = recordClass;
        this.ceType = "vn.hotline1022." + service.shortName() + "." + eventName + ".v" + version;
    }

    public Service service() {
        return service;
    }

    /** e.g. {@code CallReceived}; spelled out rather than taken from the class so a refactoring cannot rename it. */
    public String eventName() {
        return eventName;
    }

    public int version() {
        return version;
    }

    public Class<? extends HotlineEvent> recordClass() {
        return recordClass;
    }

    /** CloudEvents {@code type}, e.g. {@code vn.hotline1022.intake.CallReceived.v1}. */
    public String ceType() {
        return ceType;
    }

    public String topic() {
        return service.topic();
    }

    /** CloudEvents {@code source}, e.g. {@code /hotline1022/intake-service}. */
    public String source() {
        return service.source();
    }

    /** @throws IllegalArgumentException if the class is not in the catalogue */
    public static EventType of(Class<? extends HotlineEvent> recordClass) {
        EventType t = BY_CLASS.get(recordClass);
        if (t == null) {
            throw new IllegalArgumentException("Not a catalogued event: " + recordClass);
        }
        return t;
    }

    /** Empty for types this build does not know, e.g. a newer version: the consumer decides whether to skip. */
    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_CE_TYPE.get(ceType));
    }
}

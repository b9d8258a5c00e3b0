package vn.hotline1022.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ReliefItem;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.relief.ReliefScheduled;

class EventJsonRoundTripTest {

    private static final Pattern CE_TYPE =
            Pattern.compile("vn\\.hotline1022\\.(intake|dispatch|referral|relief|notification|ops)\\.[A-Z][A-Za-z]+\\.v\\d+");

    private static final UUID CASE_ID = UUID.fromString("3f2b8c1e-6a4d-4e8b-9c1a-2d7e5f809a41");
    private static final Instant AT = Instant.parse("2021-08-17T02:15:30Z");
    private static final Location PHU_CUONG = new Location("74", "718", "25747",
            "Số 12 đường Đinh Bộ Lĩnh, khu phố 3, phường Phú Cường", 10.980483, 106.652197);

    // --- every catalogued event ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void sampleRoundTripsAndIsKeyedWithoutSerialisingTheKey(EventType type) throws Exception {
        HotlineEvent event = EventJson.fromJson(Samples.require(type), type);
        assertThat(event).isInstanceOf(type.recordClass());
        assertThat(EventType.of(event.getClass())).isSameAs(type);

        String json = EventJson.toJson(event);
        assertThat(EventJson.fromJson(json, type.recordClass())).isEqualTo(event);
        assertThat(EventJson.mapper().readTree(json).has("key")).as("key() must not be serialised").isFalse();

        if (type == EventType.ZONE_STATUS_CHANGED) {
            assertThat(event).isNotInstanceOf(CaseEvent.class);
            assertThat(event.key()).isEqualTo(((ZoneStatusChanged) event).wardCode());
        } else if (event instanceof vn.hotline1022.events.intake.WeeklyReportIssued report) {
            assertThat(event.key()).as("the reports of one area in order")
                    .isEqualTo(report.level() + ":" + report.areaCode());
        } else if (event instanceof vn.hotline1022.events.intake.DailySummaryIssued daily) {
            assertThat(event).isNotInstanceOf(CaseEvent.class);
            assertThat(event.key()).as("the summaries of one district in order").isEqualTo(daily.districtCode());
        } else if (event instanceof vn.hotline1022.events.intake.PhoneConfirmationRequested asked) {
            assertThat(event).isNotInstanceOf(CaseEvent.class); // no case exists yet
            assertThat(event.key()).isEqualTo(asked.requestId().toString());
        } else if (event instanceof vn.hotline1022.events.ops.OpsAlertRaised raised) {
            assertThat(event.key()).as("every event of one alert in order").isEqualTo(raised.alertId().toString());
        } else if (event instanceof vn.hotline1022.events.ops.OpsAlertResolved resolved) {
            assertThat(event.key()).isEqualTo(resolved.alertId().toString());
        } else {
            assertThat(event).isInstanceOf(CaseEvent.class);
            assertThat(event.key()).isEqualTo(((CaseEvent) event).caseId().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void ceTypeIsWellFormedAndResolvesBack(EventType type) {
        assertThat(type.recordClass().isRecord()).isTrue();
        assertThat(type.ceType()).matches(CE_TYPE);
        Matcher m = CE_TYPE.matcher(type.ceType());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo(type.service().shortName());
        assertThat(type.ceType()).endsWith("." + type.eventName() + ".v" + type.version());
        assertThat(EventType.fromCeType(type.ceType())).contains(type);
        assertThat(type.topic()).isEqualTo(type.service().topic());
        assertThat(type.source()).isEqualTo("/hotline1022/" + type.service().serviceName());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"vn.hotline1022.intake.CallReceived.v2", "CallReceived",
            "vn.hotline1022.dispatch.CallReceived.v1", "VN.HOTLINE1022.INTAKE.CALLRECEIVED.V1"})
    void unknownCeTypeIsEmpty(String ceType) {
        assertThat(EventType.fromCeType(ceType)).isEmpty();
    }

    @Test
    void catalogueSpellsTypesTopicsAndSourcesAsDocumented() {
        assertThat(EventType.CALL_RECEIVED.ceType()).isEqualTo("vn.hotline1022.intake.CallReceived.v1");
        assertThat(EventType.CALL_RECEIVED.topic()).isEqualTo("hotline.intake.events");
        assertThat(EventType.CALL_RECEIVED.source()).isEqualTo("/hotline1022/intake-service");
        assertThat(EventType.TEAM_DISPATCHED.ceType()).isEqualTo("vn.hotline1022.dispatch.TeamDispatched.v1");
        assertThat(EventType.of(ReliefScheduled.class)).isSameAs(EventType.RELIEF_SCHEDULED);
        assertThat(Service.NOTIFICATION.serviceName()).isEqualTo("notification-service");
    }

    @Test
    void topicNames() {
        assertThat(Service.INTAKE.topic()).isEqualTo(Topics.INTAKE).isEqualTo("hotline.intake.events");
        assertThat(Service.DISPATCH.topic()).isEqualTo(Topics.DISPATCH).isEqualTo("hotline.dispatch.events");
        assertThat(Service.REFERRAL.topic()).isEqualTo(Topics.REFERRAL).isEqualTo("hotline.referral.events");
        assertThat(Service.RELIEF.topic()).isEqualTo(Topics.RELIEF).isEqualTo("hotline.relief.events");
        assertThat(Service.NOTIFICATION.topic()).isEqualTo(Topics.NOTIFICATION).isEqualTo("hotline.notification.events");
        assertThat(Topics.dlq("hotline.intake.events", "dispatch")).isEqualTo("hotline.intake.events.dispatch.dlq");
    }

    // --- hand-built events ----------------------------------------------------------------------------------------

    @Test
    void callReceivedRoundTripsWithIsoInstantsAndStableSetOrder() throws Exception {
        CallReceived call = new CallReceived(CASE_ID, "BD-20210817-0042", AT,
                UUID.fromString("c7d1e2f3-4a5b-4c6d-8e7f-9a0b1c2d3e4f"), ContactChannel.PHONE,
                new Caller("Trần Thị Bình", "+84987654321"), PHU_CUONG,
                List.of(Need.HOSPITAL_ADMISSION, Need.FOOD), 5,
                Set.of(Vulnerability.CHRONIC_ILLNESS, Vulnerability.PREGNANT, Vulnerability.ELDERLY),
                1, "Sốt cao 3 ngày", "agent-bd-017");

        String json = EventJson.toJson(call);
        JsonNode tree = EventJson.mapper().readTree(json);
        assertThat(tree.get("occurredAt").isTextual()).isTrue();
        assertThat(tree.get("occurredAt").asText()).isEqualTo("2021-08-17T02:15:30Z");
        assertThat(tree.get("caseId").asText()).isEqualTo(CASE_ID.toString());
        assertThat(tree.get("caller").get("phone").asText()).isEqualTo("+84987654321");
        assertThat(tree.get("vulnerabilities").toString()).isEqualTo("[\"ELDERLY\",\"PREGNANT\",\"CHRONIC_ILLNESS\"]");
        assertThat(tree.has("key")).isFalse();

        assertThat(EventJson.fromJson(json, CallReceived.class)).isEqualTo(call);
        assertThat(EventJson.fromJson(json, EventType.CALL_RECEIVED)).isEqualTo(call);
        assertThat(call.key()).isEqualTo("3f2b8c1e-6a4d-4e8b-9c1a-2d7e5f809a41");
    }

    @Test
    void zoneStatusChangedIsKeyedByWardAndOmitsNulls() throws Exception {
        ZoneStatusChanged change = new ZoneStatusChanged("74", "718", "25747", null, ZoneColour.RED, AT,
                "bcd-tp-thu-dau-mot", "Ổ dịch mới tại khu phố 3");

        String json = EventJson.toJson(change);
        assertThat(EventJson.mapper().readTree(json).has("previous")).as("null fields are omitted").isFalse();
        assertThat(EventJson.fromJson(json, ZoneStatusChanged.class)).isEqualTo(change);
        assertThat(change.key()).isEqualTo("25747");
    }

    @Test
    void dispatchCompletedWithPartialClinicalNotesRoundTrips() {
        DispatchCompleted done = new DispatchCompleted(CASE_ID, "BD-20210817-0042", AT,
                UUID.randomUUID(), UUID.randomUUID(), DispatchOutcome.NEEDS_HOSPITAL,
                new ClinicalNotes(90, null, "Khó thở", Severity.SEVERE),
                List.of(Need.HOSPITAL_ADMISSION), PHU_CUONG, null);

        DispatchCompleted read = EventJson.fromJson(EventJson.toJson(done), DispatchCompleted.class);
        assertThat(read).isEqualTo(done);
        assertThat(read.clinicalNotes().respiratoryRate()).isNull();
        assertThat(read.clinicalNotes().spo2()).isEqualTo(90);
    }

    @Test
    void reliefScheduledWithoutCashAndWithEmptyListsRoundTrips() {
        ReliefScheduled goodsOnly = new ReliefScheduled(CASE_ID, "BD-20210817-0042", AT, UUID.randomUUID(),
                UUID.randomUUID(), "BD-NQ68-2021", List.of(new ReliefItem("RICE", 10, "kg")), null, "25747",
                AT.plusSeconds(86_400));
        assertThat(EventJson.fromJson(EventJson.toJson(goodsOnly), ReliefScheduled.class)).isEqualTo(goodsOnly);

        ReliefScheduled noItems = new ReliefScheduled(CASE_ID, "BD-20210817-0042", AT, UUID.randomUUID(),
                UUID.randomUUID(), "BD-NQ68-2021", null, 1_500_000L, "25747", AT);
        assertThat(noItems.items()).as("collections are never null").isEmpty();
        assertThat(EventJson.fromJson(EventJson.toJson(noItems), ReliefScheduled.class)).isEqualTo(noItems);
    }

    // --- reading ------------------------------------------------------------------------------------------------

    @Test
    void aReferralAcceptedOfTheFirstFormStillReadsWithoutTheFieldsAddedSince() throws Exception {
        ObjectNode older = (ObjectNode) EventJson.mapper().readTree(Samples.require(EventType.REFERRAL_ACCEPTED));
        older.remove(List.of("hospitalCode", "bedType", "provinceCode", "districtCode"));
        ReferralAccepted read = EventJson.fromJson(older.toString(), ReferralAccepted.class);
        assertThat(read.referralId()).isNotNull();
        assertThat(read.bedLabel()).isNotNull();
        assertThat(read.hospitalCode()).isNull();
        assertThat(read.bedType()).isNull();
        assertThat(read.provinceCode()).isNull();
    }

    @Test
    void unknownFieldsAreIgnoredSoAdditiveChangesDoNotBreakConsumers() throws Exception {
        String sample = Samples.require(EventType.CALL_RECEIVED);
        ObjectNode newer = (ObjectNode) EventJson.mapper().readTree(sample);
        newer.put("fieldAddedInALaterRelease", "x");
        ((ObjectNode) newer.get("caller")).put("preferredLanguage", "vi");

        assertThat(EventJson.fromJson(newer.toString(), CallReceived.class))
                .isEqualTo(EventJson.fromJson(sample, CallReceived.class));
    }

    @Test
    void unreadableJsonIsAnUncheckedEventJsonException() {
        assertThatThrownBy(() -> EventJson.fromJson("{not json", CallReceived.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("CallReceived");
    }

    @Test
    void eventWithoutItsKeyIsRejectedOnRead() throws Exception {
        ObjectNode noCaseId = (ObjectNode) EventJson.mapper().readTree(Samples.require(EventType.TEAM_ARRIVED));
        noCaseId.remove("caseId");

        assertThatThrownBy(() -> EventJson.fromJson(noCaseId.toString(), EventType.TEAM_ARRIVED))
                .isInstanceOf(EventJsonException.class);
    }

    // --- personal data ------------------------------------------------------------------------------------------

    @Test
    void callerToStringMasksPersonalData() {
        Caller caller = new Caller("Nguyễn Văn An", "+84912345678");

        assertThat(caller.toString())
                .isEqualTo("Caller[name=N***, phone=+84*****678]")
                .doesNotContain("Nguyễn Văn An", "Văn", "+84912345678", "912345");
    }

    @Test
    void eventToStringDoesNotLeakTheCaller() {
        CallReceived call = EventJson.fromJson(Samples.require(EventType.CALL_RECEIVED), CallReceived.class);

        assertThat(call.toString()).doesNotContain(call.caller().name(), call.caller().phone());
    }
}

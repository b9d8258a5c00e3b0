package vn.hotline1022.intake.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CaseVerified;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;

/** The rules of a case's tracks, without Quarkus, a broker or a database: each row says what it expects and why. */
class NeedTracksTest {

    private static final UUID CASE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private static final UUID DELIVERY_A = UUID.randomUUID();
    private static final UUID DELIVERY_B = UUID.randomUUID();

    @Test
    void needsOpenTheirTracks() {
        record Row(List<Need> needs, boolean answered, Map<Track, String> expected, String why) {
        }
        List<Row> rows = List.of(
                new Row(List.of(Need.MEDICAL_CONSULTATION), false, Map.of(Track.VISIT, "TEAM"), "a team goes out"),
                new Row(List.of(Need.HOSPITAL_ADMISSION), false, Map.of(Track.VISIT, "TEAM", Track.HOSPITAL, "BED"),
                        "a team examines, a hospital must take the patient"),
                new Row(List.of(Need.OXYGEN_SUPPORT), false, Map.of(Track.VISIT, "TEAM", Track.RELIEF,
                        "RELIEF_DECISION"), "oxygen is both a team's visit and a lent concentrator"),
                new Row(List.of(Need.FOOD, Need.RENT_SUPPORT), false, Map.of(Track.RELIEF, "RELIEF_DECISION"),
                        "relief is one track whatever it sends"),
                new Row(List.of(Need.INFORMATION), true, Map.of(Track.ANSWER, "ANSWERED_ON_CALL"),
                        "answered on the call: its outcome at once"),
                new Row(List.of(Need.INFORMATION), false, Map.of(Track.ANSWER, "AGENT_ANSWER"),
                        "an unanswered question waits for an agent"),
                new Row(List.of(Need.VIOLATION_REPORT), false, Map.of(Track.VERIFICATION, "OFFICIAL"),
                        "a violation waits for an official's check"));
        for (Row row : rows) {
            assertThat(states(NeedTracks.opened(row.needs(), row.answered(), T0))).as(row.why())
                    .isEqualTo(row.expected());
        }
    }

    @Test
    void eachEventMovesItsTrack() {
        List<TrackState> fresh = NeedTracks.opened(List.of(Need.HOSPITAL_ADMISSION, Need.FOOD), false, T0);
        record Row(CaseEvent event, Track track, String expected, String why) {
        }
        List<Row> rows = List.of(
                new Row(queued(), Track.VISIT, "TEAM", "no team free: still waiting for one"),
                new Row(dispatched(), Track.VISIT, "TEAM_ON_THE_WAY", "a team is on its way"),
                new Row(completed(DispatchOutcome.RESOLVED_ON_SITE), Track.VISIT, "RESOLVED_ON_SITE",
                        "the team's outcome ends the visit"),
                new Row(completed(DispatchOutcome.NO_CONTACT), Track.VISIT, "NO_CONTACT",
                        "nobody at home is an outcome the citizen may dispute"),
                new Row(accepted(), Track.HOSPITAL, "TRANSPORT", "accepted: waiting for the transport"),
                new Row(handedOver(), Track.HOSPITAL, "ADMISSION", "handed over: the hospital admits next"),
                new Row(handedOver(), Track.TRANSPORT, "HANDED_OVER", "the transport ends at the hospital door"),
                new Row(admitted(), Track.HOSPITAL, "ADMITTED", "admitted ends the hospital track"),
                new Row(scheduled(DELIVERY_A), Track.RELIEF, "DELIVERY", "scheduled: waiting for the delivery"),
                new Row(refused(true), Track.RELIEF, "STOCK", "queued refusal waits for stock"),
                new Row(refused(false), Track.RELIEF, "REFUSED:CAP_REACHED", "a final refusal is an outcome"),
                new Row(verified(CaseVerified.VALID), Track.VERIFICATION, null,
                        "a check does not invent a track the case does not have"));
        for (Row row : rows) {
            NeedTracks.Decision d = NeedTracks.onEvent(fresh, row.event());
            assertThat(states(d.after()).get(row.track())).as(row.why()).isEqualTo(row.expected());
            assertThat(d.resolves()).as(row.why() + ": other tracks are still open").isFalse();
        }
    }

    @Test
    void theLastOutcomeResolvesOnceAndNotBefore() {
        List<TrackState> t = NeedTracks.opened(List.of(Need.HOSPITAL_ADMISSION, Need.FOOD), false, T0);
        List<CaseEvent> story = List.of(dispatched(), completed(DispatchOutcome.NEEDS_HOSPITAL), accepted(),
                transport(), handedOver(), scheduled(DELIVERY_A), scheduled(DELIVERY_B), admitted(),
                delivered(DELIVERY_A));
        for (CaseEvent e : story) {
            NeedTracks.Decision d = NeedTracks.onEvent(t, e);
            assertThat(d.resolves()).as("after %s something is still open", e.getClass().getSimpleName()).isFalse();
            t = d.after();
        }
        assertThat(states(t).get(Track.RELIEF)).as("one of two deliveries still on its way").isEqualTo("DELIVERY");
        NeedTracks.Decision last = NeedTracks.onEvent(t, delivered(DELIVERY_B));
        assertThat(last.resolves()).as("the second delivery was the last open thing").isTrue();
        assertThat(states(last.after())).isEqualTo(Map.of(Track.VISIT, "NEEDS_HOSPITAL", Track.HOSPITAL, "ADMITTED",
                Track.TRANSPORT, "HANDED_OVER", Track.RELIEF, "DELIVERED"));
        assertThat(NeedTracks.onEvent(last.after(), delivered(DELIVERY_B)).resolves())
                .as("an event after resolution does not resolve again").isFalse();
        NeedTracks.Decision left = NeedTracks.onEvent(last.after(), new PatientDischarged(CASE, "BD-1",
                T0.plusSeconds(864_000), UUID.randomUUID(), UUID.randomUUID(), "BV-01", "BV",
                PatientDischarged.TRANSFERRED, T0.plusSeconds(864_000), "79001"));
        assertThat(states(left.after()).get(Track.HOSPITAL)).as("how the stay ended").isEqualTo("TRANSFERRED");
        assertThat(left.resolves() || left.reopens()).as("the case is not touched").isFalse();
    }

    @Test
    void eventsOfDifferentTopicsArrivingOutOfOrderDoNotMoveATrackBack() {
        // Intake reads dispatch's and referral's topics apart: the admission may come before the handover it followed.
        List<TrackState> t = NeedTracks.opened(List.of(Need.HOSPITAL_ADMISSION), false, T0);
        t = NeedTracks.onEvent(t, dispatched()).after();
        t = NeedTracks.onEvent(t, completed(DispatchOutcome.NEEDS_HOSPITAL)).after();
        t = NeedTracks.onEvent(t, accepted()).after();
        NeedTracks.Decision admittedFirst = NeedTracks.onEvent(t, admitted());
        assertThat(admittedFirst.resolves()).as("admitted by the team's handover: transport ended too").isTrue();
        List<TrackState> after = admittedFirst.after();
        for (CaseEvent late : List.of(transport(), handedOver())) {
            NeedTracks.Decision d = NeedTracks.onEvent(after, late);
            assertThat(states(d.after())).as("late %s", late.getClass().getSimpleName()).isEqualTo(Map.of(
                    Track.VISIT, "NEEDS_HOSPITAL", Track.HOSPITAL, "ADMITTED", Track.TRANSPORT, "HANDED_OVER"));
            assertThat(d.reopens()).isFalse();
            after = d.after();
        }
    }

    @Test
    void aVisitFindsNewNeedsAndOpensTheirTracks() {
        List<TrackState> t = NeedTracks.opened(List.of(Need.MEDICAL_CONSULTATION), false, T0);
        DispatchCompleted found = new DispatchCompleted(CASE, "BD-1", T0.plusSeconds(60), UUID.randomUUID(),
                UUID.randomUUID(), DispatchOutcome.NEEDS_RELIEF, null, List.of(Need.FOOD), null, null);
        NeedTracks.Decision d = NeedTracks.onEvent(t, found);
        assertThat(states(d.after())).isEqualTo(Map.of(Track.VISIT, "NEEDS_RELIEF", Track.RELIEF,
                "RELIEF_DECISION"));
        assertThat(d.resolves()).as("relief the team found keeps the case open").isFalse();
    }

    @Test
    void peopleCloseAndReopenWithRules() {
        List<TrackState> t = NeedTracks.opened(List.of(Need.MEDICAL_CONSULTATION, Need.FOOD), false, T0);
        t = NeedTracks.onEvent(t, completed(DispatchOutcome.RESOLVED_ON_SITE)).after();

        NeedTracks.Decision closed = NeedTracks.closeAll(t, "DUPLICATE", T0.plusSeconds(90));
        assertThat(states(closed.after())).as("only what was open takes the reason")
                .isEqualTo(Map.of(Track.VISIT, "RESOLVED_ON_SITE", Track.RELIEF, "CLOSED:DUPLICATE"));
        assertThat(closed.resolves()).isTrue();
        assertThat(NeedTracks.closeAll(closed.after(), "DUPLICATE", T0).refusal())
                .as("nothing left to close").isNotNull();

        assertThat(NeedTracks.reopen(t, Track.RELIEF, T0).refusal()).as("relief is still open").isNotNull();
        assertThat(NeedTracks.reopen(t, Track.HOSPITAL, T0).refusal()).as("no hospital track").isNotNull();
        NeedTracks.Decision reopened = NeedTracks.reopen(t, Track.VISIT, T0.plusSeconds(120));
        assertThat(reopened.refused()).isFalse();
        assertThat(reopened.reopens()).isTrue();
        assertThat(NeedTracks.onEvent(closed.after(), scheduled(DELIVERY_A)).changed())
                .as("a late decision on a need closed by hand stays on the timeline only").isEmpty();
        TrackState visit = reopened.after().stream().filter(s -> s.track() == Track.VISIT).findFirst().orElseThrow();
        assertThat(visit.waitingFor()).isEqualTo(Waiting.TEAM);
        assertThat(visit.reopenCount()).isEqualTo(1);
    }

    @Test
    void helpDidNotComeReopensTheLastOutcomeOnly() {
        List<TrackState> t = NeedTracks.opened(List.of(Need.MEDICAL_CONSULTATION, Need.FOOD), false, T0);
        assertThat(NeedTracks.helpDidNotCome(t, T0).refused()).as("nothing was claimed yet").isTrue();
        t = NeedTracks.onEvent(t, completed(DispatchOutcome.RESOLVED_ON_SITE)).after();
        t = NeedTracks.onEvent(t, scheduled(DELIVERY_A)).after();
        t = NeedTracks.onEvent(t, delivered(DELIVERY_A)).after();
        NeedTracks.Decision d = NeedTracks.helpDidNotCome(t, T0.plusSeconds(3600));
        assertThat(states(d.after())).as("the delivery came last: only relief opens again")
                .isEqualTo(Map.of(Track.VISIT, "RESOLVED_ON_SITE", Track.RELIEF, "RELIEF_DECISION"));
    }

    @Test
    void aRepeatCallOpensOnlyTheNeedThatCameBack() {
        List<TrackState> t = NeedTracks.opened(List.of(Need.MEDICAL_CONSULTATION, Need.FOOD), false, T0);
        t = NeedTracks.onEvent(t, completed(DispatchOutcome.RESOLVED_ON_SITE)).after();
        NeedTracks.Decision d = NeedTracks.needsCameBack(t, List.of(Need.MEDICAL_CONSULTATION, Need.CASH_SUPPORT),
                T0.plusSeconds(600));
        assertThat(states(d.after())).isEqualTo(Map.of(Track.VISIT, "TEAM", Track.RELIEF, "RELIEF_DECISION"));
        assertThat(d.changed()).extracting(TrackState::track).as("relief was open already: untouched")
                .containsExactly(Track.VISIT);
    }

    @Test
    void theClocksFollowTheNeedsStillOpen() {
        List<Need> needs = List.of(Need.HOSPITAL_ADMISSION, Need.INFORMATION);
        List<TrackState> t = NeedTracks.opened(needs, false, T0);
        assertThat(NeedTracks.openNeeds(needs, t)).containsExactlyElementsOf(needs);
        t = NeedTracks.onEvent(t, completed(DispatchOutcome.NEEDS_HOSPITAL)).after();
        assertThat(NeedTracks.openNeeds(needs, t)).as("the visit is done, the bed is not: admission still open")
                .containsExactlyElementsOf(needs);
        t = NeedTracks.onEvent(t, admitted()).after();
        assertThat(NeedTracks.openNeeds(needs, t)).as("only the question is left").containsExactly(Need.INFORMATION);
    }

    @Test
    void aCaseFromBeforeTracksIsLeftAlone() {
        assertThat(NeedTracks.onEvent(List.of(), delivered(DELIVERY_A)).changed()).isEmpty();
        assertThat(NeedTracks.onEvent(List.of(), delivered(DELIVERY_A)).resolves()).isFalse();
    }

    /** Track → what it waits for while open, or its outcome once ended. */
    private static Map<Track, String> states(List<TrackState> tracks) {
        return tracks.stream().collect(Collectors.toMap(TrackState::track,
                t -> t.ended() ? t.outcome() : t.waitingFor().name(), (a, b) -> a, java.util.TreeMap::new));
    }

    private static DispatchQueued queued() {
        return new DispatchQueued(CASE, "BD-1", T0, List.of(Need.HOSPITAL_ADMISSION), "25744", "725", 90,
                "NO_TEAM_AVAILABLE");
    }

    private static TeamDispatched dispatched() {
        return new TeamDispatched(CASE, "BD-1", T0, UUID.randomUUID(), UUID.randomUUID(), "Tổ 1", "SAME_WARD", true,
                null, "TDM-01");
    }

    private static DispatchCompleted completed(DispatchOutcome outcome) {
        return new DispatchCompleted(CASE, "BD-1", T0.plusSeconds(30), UUID.randomUUID(), UUID.randomUUID(), outcome,
                null, List.of(), null, null);
    }

    private static ReferralAccepted accepted() {
        return new ReferralAccepted(CASE, "BD-1", T0.plusSeconds(40), UUID.randomUUID(), UUID.randomUUID(),
                "BV", "G-1", null, "BV-01", null, "74", "725");
    }

    private static TransportDispatched transport() {
        return new TransportDispatched(CASE, "BD-1", T0.plusSeconds(45), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "TDM-02", "Xe 1", UUID.randomUUID(), "BV-01", "BV", null, T0);
    }

    private static PatientHandedOver handedOver() {
        return new PatientHandedOver(CASE, "BD-1", T0.plusSeconds(50), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "BV-01");
    }

    private static PatientAdmitted admitted() {
        return new PatientAdmitted(CASE, "BD-1", T0.plusSeconds(55), UUID.randomUUID(), UUID.randomUUID(), "BV-01",
                "BV", null, T0.plusSeconds(55), PatientAdmitted.HANDED_OVER_BY_TEAM);
    }

    private static ReliefScheduled scheduled(UUID delivery) {
        return new ReliefScheduled(CASE, "BD-1", T0.plusSeconds(20), delivery, UUID.randomUUID(), "FOOD", List.of(),
                null, "25744", T0.plusSeconds(7200));
    }

    private static ReliefDelivered delivered(UUID delivery) {
        return new ReliefDelivered(CASE, "BD-1", T0.plusSeconds(70), delivery, UUID.randomUUID(), "FOOD", "MTTQ");
    }

    private static ReliefRefused refused(boolean queued) {
        return new ReliefRefused(CASE, "BD-1", T0.plusSeconds(20), UUID.randomUUID(), "FOOD", "CAP_REACHED", null,
                queued);
    }

    private static CaseVerified verified(String outcome) {
        return new CaseVerified(CASE, "BD-1", T0.plusSeconds(80), outcome, "đã kiểm tra", T0, "can-bo");
    }
}

package vn.hotline1022.dispatch.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.hotline1022.dispatch.DispatchConfig;
import vn.hotline1022.dispatch.teams.Equipment;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.testkit.ConfigDefaults;

/**
 * Dispatch's own rules, table by table, each with why: which case goes out without a person, how near a team is, which
 * team may carry a patient. The service's defaults; no Quarkus, no database.
 */
class DispatchRulesTest {

    private static final Dispatcher DISPATCHER = new Dispatcher();

    static {
        DISPATCHER.config = ConfigDefaults.of(DispatchConfig.class);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("emergency transport goes out at once", List.of(Need.EMERGENCY_TRANSPORT), 10, true),
                Arguments.of("so does oxygen", List.of(Need.FOOD, Need.OXYGEN_SUPPORT), 10, true),
                Arguments.of("a priority at the threshold (70)", List.of(Need.MEDICAL_CONSULTATION), 70, true),
                Arguments.of("just under it waits for a dispatcher", List.of(Need.MEDICAL_CONSULTATION), 69, false),
                Arguments.of("a hospital admission alone is not a transport", List.of(Need.HOSPITAL_ADMISSION), 60,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whichCasesGoOutWithoutAPerson(String why, List<Need> needs, int priority, boolean emergency) {
        assertThat(DISPATCHER.isEmergency(needs, priority)).as(why).isEqualTo(emergency);
    }

    static Stream<Arguments> places() {
        return Stream.of(
                Arguments.of("covers the ward", false, "718", "25747", Team.SAME_WARD),
                Arguments.of("based in the district", false, "718", "25741", Team.SAME_DISTRICT),
                Arguments.of("another district of the province", false, "725", "25966", Team.MUTUAL_AID),
                Arguments.of("a reserve is a reserve wherever the case is", true, "718", "25747",
                        Team.PROVINCIAL_RESERVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void howNearATeamIs(String why, boolean reserve, String district, String ward, String match) {
        Team t = new Team();
        t.homeDistrictCode = "718";
        t.coveredWardCodes = List.of("25747");
        t.reserve = reserve;
        assertThat(t.matchFor(district, ward)).as(why).isEqualTo(match);
    }

    static Stream<Arguments> vehicles() {
        return Stream.of(
                Arguments.of("an ambulance with a medic", "AMBULANCE", 1, List.of(), false, true),
                Arguments.of("a car has no stretcher", "CAR", 2, List.of(Equipment.OXYGEN.name()), false, false),
                Arguments.of("no medic, no patient", "AMBULANCE", 0, List.of(), false, false),
                Arguments.of("an oxygen bed needs oxygen on board", "AMBULANCE", 1, List.of(), true, false),
                Arguments.of("with oxygen on board", "AMBULANCE", 1, List.of(Equipment.OXYGEN.name()), true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vehicles")
    void whichTeamMayCarryAPatient(String why, String vehicle, int medics, List<String> equipment, boolean oxygen,
            boolean may) {
        Team t = new Team();
        t.vehicle = vehicle;
        t.medicalStaff = medics;
        t.equipment = equipment;
        assertThat(t.canTransport(oxygen)).as(why).isEqualTo(may);
    }
}

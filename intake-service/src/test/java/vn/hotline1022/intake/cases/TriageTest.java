package vn.hotline1022.intake.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.testkit.ConfigDefaults;

/**
 * The triage rule, table by table, with the points each rule gave (the reasons agents and dispatchers read), on the
 * defaults the service runs with: milliseconds, no Quarkus.
 */
class TriageTest {

    private static final Triage TRIAGE = new Triage();

    static {
        TRIAGE.config = ConfigDefaults.of(IntakeConfig.class,
                Map.of("triage", ConfigDefaults.of(IntakeConfig.Triage.class)));
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("the heaviest need counts, once", List.of(Need.FOOD, Need.EMERGENCY_TRANSPORT), Set.of(), 1,
                        1, null, EscalationLevel.WARD, 90, List.of("need EMERGENCY_TRANSPORT=90")),
                Arguments.of("a question only", List.of(Need.INFORMATION), Set.of(), 1, 1, ZoneColour.GREEN,
                        EscalationLevel.WARD, 10, List.of("need INFORMATION=10")),
                Arguments.of("each vulnerable person adds", List.of(Need.FOOD),
                        Set.of(Vulnerability.ELDERLY, Vulnerability.PREGNANT), 2, 1, null, EscalationLevel.WARD, 55,
                        List.of("need FOOD=45", "vulnerable: ELDERLY=5", "vulnerable: PREGNANT=5")),
                Arguments.of("a large household adds", List.of(Need.FOOD), Set.of(), 6, 1, null,
                        EscalationLevel.WARD, 50, List.of("need FOOD=45", "household of 6=5")),
                Arguments.of("calling again adds, up to a cap", List.of(Need.RENT_SUPPORT), Set.of(), 1, 9, null,
                        EscalationLevel.WARD, 55, List.of("need RENT_SUPPORT=25", "called 9 times=30")),
                Arguments.of("a red zone adds", List.of(Need.MEDICAL_CONSULTATION), Set.of(), 1, 1, ZoneColour.RED,
                        EscalationLevel.WARD, 75, List.of("need MEDICAL_CONSULTATION=60", "red zone=15")),
                Arguments.of("an orange zone adds less", List.of(Need.MEDICAL_CONSULTATION), Set.of(), 1, 1,
                        ZoneColour.ORANGE, EscalationLevel.WARD, 65,
                        List.of("need MEDICAL_CONSULTATION=60", "orange zone=5")),
                Arguments.of("overdue: each level of escalation adds", List.of(Need.FOOD), Set.of(), 1, 1, null,
                        EscalationLevel.PROVINCE, 65,
                        List.of("need FOOD=45", "overdue, escalated to the province level=20")),
                Arguments.of("never above 100", List.of(Need.EMERGENCY_TRANSPORT),
                        Set.of(Vulnerability.ELDERLY, Vulnerability.CHRONIC_ILLNESS), 8, 4, ZoneColour.RED,
                        EscalationLevel.DISTRICT, 100,
                        List.of("need EMERGENCY_TRANSPORT=90", "vulnerable: ELDERLY=5", "vulnerable: CHRONIC_ILLNESS=5",
                                "household of 8=5", "called 4 times=30", "red zone=15",
                                "overdue, escalated to the district level=10")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void priorityAndItsReasons(String why, List<Need> needs, Set<Vulnerability> vulnerable, int household, int calls,
            ZoneColour zone, EscalationLevel escalation, int priority, List<String> reasons) {
        Triage.Assessment a = TRIAGE.assess(needs, vulnerable, household, calls, zone, escalation);
        assertThat(a.priority()).as(why).isEqualTo(priority);
        assertThat(a.reasons()).as(why).map(r -> r.rule() + "=" + r.points()).containsExactlyInAnyOrderElementsOf(reasons);
    }
}

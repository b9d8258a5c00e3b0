package vn.hotline1022.intake.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.testkit.ConfigDefaults;

/** The deadlines of a case by its strictest need, and how later calls and ended needs move them: no Quarkus. */
class SlaPolicyTest {

    private static final Instant CALL = Instant.parse("2021-08-01T02:00:00Z");
    private static final SlaPolicy POLICY = new SlaPolicy();

    static {
        POLICY.config = ConfigDefaults.of(IntakeConfig.class, Map.of("sla", ConfigDefaults.of(IntakeConfig.Sla.class)));
    }

    static Stream<Arguments> needs() {
        return Stream.of(
                Arguments.of("an emergency: a first action in 15 min, done in 5 h", List.of(Need.EMERGENCY_TRANSPORT),
                        Duration.ofMinutes(15), Duration.ofHours(5)),
                Arguments.of("hardship: 2 h, 5 h", List.of(Need.FOOD), Duration.ofHours(2), Duration.ofHours(5)),
                Arguments.of("anything else: 5 h, 24 h", List.of(Need.INFORMATION), Duration.ofHours(5),
                        Duration.ofHours(24)),
                Arguments.of("the strictest need sets the clock", List.of(Need.INFORMATION, Need.RENT_SUPPORT,
                        Need.HOSPITAL_ADMISSION), Duration.ofMinutes(15), Duration.ofHours(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("needs")
    void aNewCasesClocks(String why, List<Need> needs, Duration firstAction, Duration resolution) {
        HotlineCase c = new HotlineCase();
        POLICY.apply(c, needs, CALL);
        assertThat(c.firstActionDue).as(why).isEqualTo(CALL.plus(firstAction));
        assertThat(c.resolutionDue).as(why).isEqualTo(CALL.plus(resolution));
    }

    @Test
    void aLaterCallWithAnUrgentNeedShortensTheClocksNeverLengthensThem() {
        HotlineCase c = new HotlineCase();
        POLICY.apply(c, List.of(Need.INFORMATION), CALL);
        Instant later = CALL.plus(Duration.ofHours(1));
        POLICY.apply(c, List.of(Need.OXYGEN_SUPPORT), later);
        assertThat(c.firstActionDue).isEqualTo(later.plus(Duration.ofMinutes(15)));
        assertThat(c.resolutionDue).isEqualTo(later.plus(Duration.ofHours(5)));
        POLICY.apply(c, List.of(Need.INFORMATION), later.plus(Duration.ofHours(1)));
        assertThat(c.resolutionDue).as("a routine repeat call keeps the earlier deadline")
                .isEqualTo(later.plus(Duration.ofHours(5)));
    }

    @Test
    void whenTheEmergencyIsAnsweredTheQuestionLeftIsDueByItsOwnClock() {
        HotlineCase c = new HotlineCase();
        c.openedAt = CALL;
        POLICY.apply(c, List.of(Need.EMERGENCY_TRANSPORT, Need.INFORMATION), CALL);
        POLICY.follow(c, List.of(Need.INFORMATION));
        assertThat(c.resolutionDue).isEqualTo(CALL.plus(Duration.ofHours(24)));
        POLICY.follow(c, List.of());
        assertThat(c.resolutionDue).as("nothing open: left as it was").isEqualTo(CALL.plus(Duration.ofHours(24)));
    }

    @Test
    void needsAreClassedStrictestFirst() {
        assertThat(SlaPolicy.classOf(List.of(Need.CASH_SUPPORT, Need.VIOLATION_REPORT)))
                .isEqualTo(SlaPolicy.NeedClass.HARDSHIP);
        assertThat(SlaPolicy.classOf(List.of())).isEqualTo(SlaPolicy.NeedClass.OTHER);
    }
}

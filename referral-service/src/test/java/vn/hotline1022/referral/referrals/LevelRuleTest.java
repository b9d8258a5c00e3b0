package vn.hotline1022.referral.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.referral.hospitals.HospitalLevel;

/** Which hospital tier a patient is sent to first, and the reason given, without Quarkus or a database. */
class LevelRuleTest {

    record Candidate(String name, HospitalLevel level) {
    }

    private static final List<Candidate> NEAREST_FIRST = List.of(new Candidate("field", HospitalLevel.FIELD),
            new Candidate("district", HospitalLevel.DISTRICT), new Candidate("provincial", HospitalLevel.PROVINCIAL),
            new Candidate("central", HospitalLevel.CENTRAL));

    @Test
    void thePatientsConditionDecidesTheTierAskedFirst() {
        record Row(Severity severity, BedType bed, List<String> expected, String why) {
        }
        List<Row> rows = List.of(
                new Row(Severity.CRITICAL, BedType.OXYGEN, List.of("provincial", "central", "field", "district"),
                        "critical: provincial or central first, the nearest of them first"),
                new Row(null, BedType.ICU, List.of("provincial", "central", "field", "district"),
                        "an ICU bed: the same, whatever the call said"),
                new Row(Severity.SEVERE, BedType.OXYGEN, List.of("district", "provincial", "central", "field"),
                        "severe: not a field hospital while a district hospital or above has a bed"),
                new Row(Severity.MODERATE, BedType.GENERAL, List.of("field", "district", "provincial", "central"),
                        "moderate: the nearest with a bed"),
                new Row(null, BedType.GENERAL, List.of("field", "district", "provincial", "central"),
                        "not assessed: the nearest with a bed"));
        for (Row row : rows) {
            assertThat(LevelRule.order(NEAREST_FIRST, Candidate::level, row.severity(), row.bed()))
                    .extracting(Candidate::name).as(row.why()).isEqualTo(row.expected());
        }
    }

    @Test
    void theReasonIsSaidOnlyWhenTheTierMatters() {
        assertThat(LevelRule.reason(Severity.CRITICAL, BedType.ICU, HospitalLevel.PROVINCIAL))
                .isEqualTo("ca nguy kịch: chuyển bệnh viện tuyến tỉnh hoặc trung ương");
        assertThat(LevelRule.reason(Severity.CRITICAL, BedType.ICU, HospitalLevel.DISTRICT))
                .as("no bed at the right tier: asked the nearest, and said so")
                .isEqualTo("ca nguy kịch: chưa có giường ở bệnh viện tuyến tỉnh hoặc trung ương, hỏi bệnh viện gần nhất"
                        + " còn giường");
        assertThat(LevelRule.reason(Severity.SEVERE, BedType.OXYGEN, HospitalLevel.DISTRICT))
                .isEqualTo("ca nặng: chuyển bệnh viện tuyến huyện trở lên");
        assertThat(LevelRule.reason(Severity.MILD, BedType.GENERAL, HospitalLevel.FIELD)).isNull();
    }
}

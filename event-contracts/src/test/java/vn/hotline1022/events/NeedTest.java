package vn.hotline1022.events;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hotline1022.events.common.Need.CASH_SUPPORT;
import static vn.hotline1022.events.common.Need.EMERGENCY_TRANSPORT;
import static vn.hotline1022.events.common.Need.FOOD;
import static vn.hotline1022.events.common.Need.HOSPITAL_ADMISSION;
import static vn.hotline1022.events.common.Need.MEDICAL_CONSULTATION;
import static vn.hotline1022.events.common.Need.OXYGEN_SUPPORT;
import static vn.hotline1022.events.common.Need.RENT_SUPPORT;

import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import vn.hotline1022.events.common.Need;

/** Services route on these predicates, so their exact membership is part of the contract. */
class NeedTest {

    private static Need[] matching(Predicate<Need> predicate) {
        return Arrays.stream(Need.values()).filter(predicate).toArray(Need[]::new);
    }

    @Test
    void routingPredicates() {
        assertThat(matching(Need::needsFieldTeam))
                .containsExactlyInAnyOrder(EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION, MEDICAL_CONSULTATION, OXYGEN_SUPPORT);
        assertThat(matching(Need::isMedical))
                .containsExactlyInAnyOrder(EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION, MEDICAL_CONSULTATION, OXYGEN_SUPPORT);
        assertThat(matching(Need::isRelief)).containsExactlyInAnyOrder(FOOD, RENT_SUPPORT, CASH_SUPPORT, OXYGEN_SUPPORT);
        assertThat(matching(Need::needsHospital)).containsExactly(HOSPITAL_ADMISSION);
    }
}

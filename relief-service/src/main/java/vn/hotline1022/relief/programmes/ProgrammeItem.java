package vn.hotline1022.relief.programmes;

import jakarta.persistence.Embeddable;

import vn.hotline1022.events.common.ReliefItem;

/** One line of a programme's package, e.g. 10 kg of rice. */
@Embeddable
public class ProgrammeItem {
    public String itemType;
    public int quantity;
    public String unit;

    public ReliefItem toEvent() {
        return new ReliefItem(itemType, quantity, unit);
    }
}

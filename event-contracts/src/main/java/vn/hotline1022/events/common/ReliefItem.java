package vn.hotline1022.events.common;

/**
 * One line of a relief package.
 *
 * @param itemType code of the programme's item catalogue, e.g. {@code RICE}
 * @param unit     as counted on the ground, e.g. {@code kg}, {@code thùng}
 */
public record ReliefItem(String itemType, int quantity, String unit) {
}

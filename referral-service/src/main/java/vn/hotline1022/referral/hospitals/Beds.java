package vn.hotline1022.referral.hospitals;

/**
 * Beds of one type as a hospital reports them.
 *
 * @param total null: unchanged (a capacity report may give only the free count)
 */
public record Beds(Integer total, int free) {
}

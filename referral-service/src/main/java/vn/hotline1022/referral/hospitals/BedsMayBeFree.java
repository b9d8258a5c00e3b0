package vn.hotline1022.referral.hospitals;

/**
 * A hospital of this province may have a bed again (capacity raised, intake resumed, a bed released): referrals waiting
 * there are tried again. An internal event fired inside the change's transaction; the referrals observe it, so the
 * hospitals never call into the referrals.
 */
public record BedsMayBeFree(String provinceCode) {
}

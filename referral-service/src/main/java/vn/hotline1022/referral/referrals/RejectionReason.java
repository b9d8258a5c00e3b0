package vn.hotline1022.referral.referrals;

/** Why a hospital declined; recorded for the steering committee's compliance report. */
public enum RejectionReason {
    /** No bed of the type after all: the pool is set to 0 free until the hospital reports again. */
    NO_BEDS,
    NO_SPECIALTY,
    NO_STAFF,
    OTHER
}

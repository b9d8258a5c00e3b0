package vn.hotline1022.referral.hospitals;

/** Công lập / tư nhân: the province's order to accept 1022's patients binds both alike. */
public enum Ownership {
    PUBLIC, PRIVATE
}

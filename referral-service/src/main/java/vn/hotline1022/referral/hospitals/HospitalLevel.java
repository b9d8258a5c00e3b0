package vn.hotline1022.referral.hospitals;

/** Tier of a hospital (tuyến); field hospitals (bệnh viện dã chiến) were opened for COVID-19. */
public enum HospitalLevel {
    CENTRAL, PROVINCIAL, DISTRICT, FIELD
}

package vn.hotline1022.events.common;

/** What a caller asks for. Routing is decided from these, so each service asks the predicates, not the constants. */
public enum Need {
    EMERGENCY_TRANSPORT,
    HOSPITAL_ADMISSION,
    MEDICAL_CONSULTATION,
    FOOD,
    RENT_SUPPORT,
    CASH_SUPPORT,
    OXYGEN_SUPPORT,
    INFORMATION,
    VIOLATION_REPORT;

    /** Someone has to go to the home: dispatch-service takes the case. */
    public boolean needsFieldTeam() {
        return switch (this) {
            case EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION, MEDICAL_CONSULTATION, OXYGEN_SUPPORT -> true;
            default -> false;
        };
    }

    /** Health data is involved: drives priority and who may see the case. Today the same set as field-team needs. */
    public boolean isMedical() {
        return switch (this) {
            case EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION, MEDICAL_CONSULTATION, OXYGEN_SUPPORT -> true;
            default -> false;
        };
    }

    /** relief-service takes it. Oxygen is both medical and relief: a concentrator is lent, not prescribed. */
    public boolean isRelief() {
        return switch (this) {
            case FOOD, RENT_SUPPORT, CASH_SUPPORT, OXYGEN_SUPPORT -> true;
            default -> false;
        };
    }

    /** referral-service looks for a bed. */
    public boolean needsHospital() {
        return this == HOSPITAL_ADMISSION;
    }
}

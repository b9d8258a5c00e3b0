package vn.hotline1022.intake.cases;

/** The rule that attached a call to an already open case. */
public enum LinkedBy {
    /** The same normalised phone number. */
    PHONE,
    /** Another phone, but the same specific address (house number and street or hamlet) in the same ward. */
    HOUSEHOLD_ADDRESS
}

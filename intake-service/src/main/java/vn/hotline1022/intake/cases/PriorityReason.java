package vn.hotline1022.intake.cases;

/** One rule that counted towards a case's priority, e.g. {@code ("need EMERGENCY_TRANSPORT", 90)}. */
public record PriorityReason(String rule, int points) {
}

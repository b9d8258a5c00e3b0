package vn.hotline1022.intake.cases;

/**
 * A timeline line in both languages. {@code vi} is what an agent reads out to a caller who rings back and what a
 * citizen tracking the case sees; {@code en} is what the console shows when switched to English. Neither carries
 * personal data.
 */
public record Summary(String vi, String en) {
}

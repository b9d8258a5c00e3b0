package vn.hotline1022.relief.programmes;

import java.util.Set;

/**
 * What a programme's eligibility rules look at: where the household lives, how many it is (0: not said) and which of
 * its members are at higher risk (Vulnerability names).
 */
public record Applicant(String districtCode, int members, Set<String> vulnerabilities) {

    public Applicant {
        vulnerabilities = vulnerabilities == null ? Set.of() : Set.copyOf(vulnerabilities);
    }
}

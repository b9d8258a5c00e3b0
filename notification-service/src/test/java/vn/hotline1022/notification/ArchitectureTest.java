package vn.hotline1022.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import vn.hotline1022.testkit.ServiceArchitecture;

/** The service's architecture rules (ServiceArchitecture), read from its classes in milliseconds: no Quarkus. */
class ArchitectureTest {

    private static final String SERVICE = "notification";
    private static final JavaClasses CLASSES = ServiceArchitecture.of(SERVICE);

    @Test
    void theRulesSeeTheService() {
        assertThat(CLASSES.size()).as("classes of " + SERVICE).isGreaterThan(40);
    }

    @Test
    void noPackageCycles() {
        ServiceArchitecture.noPackageCycles(SERVICE).check(CLASSES);
    }

    @Test
    void neverImportsAnotherService() {
        ServiceArchitecture.neverImportsAnotherService(SERVICE).check(CLASSES);
    }

    @Test
    void restOnlyAtTheEdge() {
        ServiceArchitecture.restOnlyAtTheEdge(SERVICE).check(CLASSES);
    }
}

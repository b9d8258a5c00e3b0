package vn.hotline1022.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import vn.hotline1022.events.Service;
import vn.hotline1022.testkit.EventTable;
import vn.hotline1022.testkit.ServiceArchitecture;

/** The service's architecture rules (ServiceArchitecture), read from its classes in milliseconds: no Quarkus. */
class ArchitectureTest {

    private static final String SERVICE = "dispatch";
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

    /** The README's consumes/publishes table is the code's (write it with -Dhotline.write-readme=true). */
    @Test
    void theReadmeSaysWhatItConsumesAndPublishes() throws Exception {
        EventTable.Table table = EventTable.of(Service.DISPATCH, CLASSES);
        String block = EventTable.markdown(table);
        Path readme = Path.of("README.md");
        if (Boolean.getBoolean("hotline.write-readme")) {
            EventTable.write(readme, block);
        }
        assertThat(EventTable.inReadme(readme)).as("README.md's events table").isEqualTo(block);
        assertThat(EventTable.configuredTopics(Path.of("src/main/resources/application.properties")))
                .as("topics read (hotline.messaging.consumes)").containsAll(EventTable.topics(table.consumes()));
    }
}

package vn.hotline1022.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import vn.hotline1022.events.Service;

/**
 * The architecture test of one service, written once: each service's {@code ArchitectureTest} extends it with its
 * name. Plain JUnit on the compiled classes (no Quarkus), a second or two.
 */
public abstract class ServiceArchitectureTest {

    private final Service service;
    private final JavaClasses classes;

    protected ServiceArchitectureTest(Service service) {
        this.service = service;
        this.classes = ServiceArchitecture.of(service.shortName());
    }

    @Test
    public void theRulesSeeTheService() {
        assertTrue(classes.size() > 40, "the rules see " + classes.size() + " classes of " + service);
    }

    @Test
    public void noPackageCycles() {
        ServiceArchitecture.noPackageCycles(service.shortName()).check(classes);
    }

    @Test
    public void neverImportsAnotherService() {
        ServiceArchitecture.neverImportsAnotherService(service.shortName()).check(classes);
    }

    @Test
    public void restOnlyAtTheEdge() {
        ServiceArchitecture.restOnlyAtTheEdge(service.shortName()).check(classes);
    }

    /** The README's consumes/publishes table is the code's (write it with -Dhotline.write-readme=true). */
    @Test
    public void theReadmeSaysWhatItConsumesAndPublishes() throws Exception {
        EventTable.Table table = EventTable.of(service, classes);
        String block = EventTable.markdown(table);
        Path readme = Path.of("README.md");
        if (Boolean.getBoolean("hotline.write-readme")) {
            EventTable.write(readme, block);
        }
        assertEquals(block, EventTable.inReadme(readme), "README.md's events table (-Dhotline.write-readme=true)");
        var read = EventTable.configuredTopics(Path.of("src/main/resources/application.properties"));
        assertTrue(read.containsAll(EventTable.topics(table.consumes())),
                "topics read (hotline.messaging.consumes) " + read + " hold every consumed event's topic");
    }
}

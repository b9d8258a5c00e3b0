package vn.hotline1022.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of every service's architecture, checked by each service's {@code ArchitectureTest} in milliseconds (no
 * Quarkus): its feature packages are free of cycles, it never imports another service (they share only
 * event-contracts and the libraries), and only its REST edge speaks JAX-RS.
 */
public final class ServiceArchitecture {

    public static final List<String> SERVICES = List.of("intake", "dispatch", "referral", "relief", "notification",
            "ops");

    private ServiceArchitecture() {
    }

    /** The main classes of one service (package {@code vn.hotline1022.<service>}), without tests or jars. */
    public static JavaClasses of(String service) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("vn.hotline1022." + service);
    }

    /** Feature packages (vn.hotline1022.service.feature) depend on each other one way only. */
    public static ArchRule noPackageCycles(String service) {
        return slices().matching("vn.hotline1022." + service + ".(*)..").namingSlices("$1").should()
                .beFreeOfCycles();
    }

    /** A service reaches another only through events (or HTTP), never its classes. */
    public static ArchRule neverImportsAnotherService(String service) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "vn.hotline1022." + s + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage("vn.hotline1022." + service + "..").should()
                .dependOnClassesThat().resideInAnyPackage(others);
    }

    /** JAX-RS types only in resources (and the rare filter or provider named so): rules never speak HTTP. */
    public static ArchRule restOnlyAtTheEdge(String service) {
        return noClasses().that().resideInAPackage("vn.hotline1022." + service + "..")
                .and().haveSimpleNameNotEndingWith("Resource").and().haveSimpleNameNotContaining("Resource$")
                .and().haveSimpleNameNotEndingWith("Filter").and().haveSimpleNameNotEndingWith("Provider")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..");
    }
}

package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hotline1022.localstack.LocalStack;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * The deployment artefacts checked against the code: the services the build has, the settings their code reads, the
 * console's, and what the launcher sets. No container engine or cluster exists on the build machines, so nothing is
 * run; the files are parsed, and a test fails when they drift from the services. The Dockerfiles, compose and
 * Kubernetes files have their own test classes ({@link DockerfileManifestsTest}, {@link ComposeManifestsTest},
 * {@link KubernetesManifestsTest}).
 */
class DeploymentManifestsTest {

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @Test
    void theServicesAreTheRootPomsServiceModulesAndTheOnesTheLocalStackRuns() {
        assertThat(services).as("modules ending in -service in the root pom").hasSizeGreaterThanOrEqualTo(5)
                .containsExactlyInAnyOrderElementsOf(LocalStack.SERVICES.keySet());
    }

    @Test
    void theSecretSettingsAreFoundInTheCode() {
        // Guards the scan below: if it stopped finding these, every "needs this secret" check would pass vacuously.
        assertThat(secretSettingsUsedBy("relief-service"))
                .contains("HOTLINE_RELIEF_PHONE_SALT", "HOTLINE_RECIPIENT_CODE_SECRET");
        assertThat(secretSettingsUsedBy("notification-service")).contains("HOTLINE_RECIPIENT_CODE_SECRET",
                "HOTLINE_NOTIFICATION_OPT_OUT_SALT");
    }

    @Test
    void theConsoleIsAModuleWhoseSettingsAreFoundInItsConfigMappingAndWhoseOriginTheServicesAccept() throws Exception {
        assertThat(modulesOfTheBuild()).as("modules of the root pom").contains(CONSOLE);
        // Guards the scan of ConsoleConfig: the deployments are checked against what it finds.
        assertThat(consoleEnvironment()).as("HOTLINE_CONSOLE_* of " + CONSOLE_CONFIG).containsExactlyInAnyOrder(
                "HOTLINE_CONSOLE_ISSUER", "HOTLINE_CONSOLE_CLIENT_ID", "HOTLINE_CONSOLE_INTAKE_URL",
                "HOTLINE_CONSOLE_REFERRAL_URL", "HOTLINE_CONSOLE_OPS_URL", "HOTLINE_CONSOLE_DISPATCH_URL",
                "HOTLINE_CONSOLE_MAP_TILE_URL", "HOTLINE_CONSOLE_RELIEF_URL");
        assertThat(CONSOLE_CONFIG_KEYS.keySet()).as("ConfigMap keys of the console's addresses")
                .isSubsetOf(consoleEnvironment());
        // ./hotline run and docker compose open the console on this port; the services' default origins are its.
        assertThat(port(CONSOLE)).as("console quarkus.http.port").isEqualTo(LocalStack.CONSOLE_PORT);
        for (String service : services) {
            assertThat(defaultCorsOrigins(service)).as(service + " default quarkus.http.cors.origins")
                    .contains("http://localhost:" + port(CONSOLE));
        }
    }

    @Test
    void theLocalStackSetsNothingTheManifestsMiss() throws IOException {
        String source = Files.readString(
                root.resolve("local-stack/src/main/java/vn/hotline1022/localstack/ServiceEnvironment.java"));
        Set<String> setByLocalStack = new TreeSet<>();
        Matcher m = Pattern.compile("env\\.put\\(\"([A-Z0-9_]+)\"").matcher(source);
        while (m.find()) {
            setByLocalStack.add(m.group(1));
        }
        assertThat(setByLocalStack).as("env.put(...) in ServiceEnvironment").hasSizeGreaterThanOrEqualTo(5);
        Set<String> covered = new TreeSet<>(BOOT_ENVIRONMENT);
        covered.addAll(OPTIONAL_ENVIRONMENT);
        services.forEach(s -> covered.addAll(secretSettingsUsedBy(s)));
        covered.addAll(consoleEnvironment());
        covered.add(OPS_SERVICE_URLS); // ops-service's alone: compose and Kubernetes tests check it names every service
        assertThat(covered).as("variables the deployments provide (a new one in LocalStack must reach compose and k8s)")
                .containsAll(setByLocalStack);
    }

}

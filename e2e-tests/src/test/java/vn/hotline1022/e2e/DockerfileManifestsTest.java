package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * Each deployable's {@code src/main/docker/Dockerfile.jvm}: its port, a user that is not root, the application it runs.
 */
class DockerfileManifestsTest {

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vn.hotline1022.e2e.Manifests#deployables")
    void dockerfileExposesTheServicePortAndRunsAsNonRoot(String service) throws IOException {
        Path dockerfile = root.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        assertThat(dockerfile).as(service + " Dockerfile.jvm").isRegularFile();
        List<String> lines = Files.readAllLines(dockerfile).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        List<String> from = instructions(lines, "FROM");
        assertThat(from).as("FROM").hasSize(1);
        assertThat(from.get(0)).matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9][\\w.-]*");

        Set<String> exposed = instructions(lines, "EXPOSE").stream().flatMap(e -> Stream.of(e.split("\\s+")))
                .map(p -> p.replace("/tcp", "")).collect(Collectors.toSet());
        assertThat(exposed).as("EXPOSE of " + service).containsExactly(String.valueOf(port(service)));

        List<String> users = instructions(lines, "USER");
        assertThat(users).as("USER").isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("the user the service runs as").isEqualTo("185");

        String copies = String.join("\n", instructions(lines, "COPY"));
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertThat(copies).as("the fast-jar layers").contains(part);
        }
        assertThat(String.join("\n", lines)).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

}

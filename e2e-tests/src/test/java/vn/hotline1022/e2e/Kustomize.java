package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with Kustomize itself ({@code kubectl kustomize}, which needs no cluster). Where kubectl is
 * missing a test is skipped, unless {@code HOTLINE_REQUIRE_KUBECTL} is set (as {@code .ci/run} does): then it fails.
 */
final class Kustomize {

    private Kustomize() {
    }

    static Path kubectl() {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        if (kubectl.isEmpty() && System.getenv("HOTLINE_REQUIRE_KUBECTL") != null) {
            throw new AssertionError("kubectl is not installed, and HOTLINE_REQUIRE_KUBECTL says this run needs it");
        }
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed");
        return kubectl.get();
    }

    /** Every object {@code directory}'s kustomization renders, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path directory) throws Exception {
        Process process = new ProcessBuilder(kubectl().toString(), "kustomize", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + directory + ":\n" + output).isZero();
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
            if (o != null) {
                rendered.add((Map<String, Object>) o);
            }
        }
        return rendered;
    }
}

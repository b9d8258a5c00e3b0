package vn.hotline1022.commons.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A service refuses to start in production with a secret missing or left at its public development value: the
 * defaults in the sources let tests and dev mode run, and anyone can read them. Each service lists its secrets in
 * {@code hotline.required-secrets}; {@code ./hotline run} generates random ones per install under {@code .hotline/}.
 */
@ApplicationScoped
public class RequiredSecrets {

    /** Prefixes of the values committed to the sources. */
    static final List<String> PUBLIC_VALUE_PREFIXES = List.of("local-demo-", "dev-only-");
    static final int MINIMUM_LENGTH = 16;

    /** First of all startup work: before any consumer joins its group or the server takes a request. */
    void check(@Observes @Priority(1) StartupEvent started) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start without its secrets: " + String.join("; ", problems));
        }
    }

    /** What is wrong with the configured secrets; empty when each is set to a private value. */
    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        List<String> names = config.getOptionalValues("hotline.required-secrets", String.class).orElse(List.of());
        for (String name : names) {
            Optional<String> value = config.getOptionalValue(name, String.class);
            String variable = name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            if (value.isEmpty() || value.get().isBlank()) {
                problems.add(variable + " is not set");
            } else if (PUBLIC_VALUE_PREFIXES.stream().anyMatch(value.get()::startsWith)) {
                problems.add(variable + " is the public development value; set a random secret");
            } else if (value.get().length() < MINIMUM_LENGTH) {
                problems.add(variable + " is shorter than " + MINIMUM_LENGTH + " characters");
            }
        }
        return problems;
    }
}

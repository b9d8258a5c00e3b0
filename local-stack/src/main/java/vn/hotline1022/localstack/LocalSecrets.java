package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets of this install ({@code .hotline/secrets.properties}, readable by its owner only): generated at random
 * the first time and kept afterwards, because a new relief phone salt would make every known household look new. The
 * services refuse to start in production without them (RequiredSecrets); nothing public is ever used instead.
 */
public final class LocalSecrets {

    /** The environment variables the services read their secrets from. */
    public static final List<String> NAMES = List.of("HOTLINE_RECIPIENT_CODE_SECRET", "HOTLINE_RELIEF_PHONE_SALT",
            "HOTLINE_NOTIFICATION_OPT_OUT_SALT", "HOTLINE_INTAKE_SMS_AUTH_TOKEN", "HOTLINE_PHONE_HASH_SECRETS");

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    public static Map<String, String> loadOrCreate(Path home) {
        Path file = home.resolve("secrets.properties");
        Properties p = new Properties();
        try {
            Files.createDirectories(home);
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
            }
            boolean changed = false;
            for (String name : NAMES) {
                if (p.getProperty(name, "").isBlank()) {
                    byte[] bytes = new byte[32];
                    RANDOM.nextBytes(bytes);
                    p.setProperty(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                    changed = true;
                }
            }
            if (changed) {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                try (Writer w = Files.newBufferedWriter(file)) {
                    p.store(w, "Secrets of this Hotline 1022 install: generated at random, never commit or share");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local secrets in " + file, e);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        NAMES.forEach(n -> secrets.put(n, p.getProperty(n)));
        return secrets;
    }
}

package vn.hotline1022.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the local infrastructure and the tests (a broker's logs, a database, a browser profile). */
public final class Directories {
    private Directories() {
    }

    /** Deletes a directory and everything in it; a failure leaves the rest for the OS to clean. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // temporary test data: the OS cleans /tmp eventually
        }
    }
}

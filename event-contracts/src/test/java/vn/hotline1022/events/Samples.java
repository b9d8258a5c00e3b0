package vn.hotline1022.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the checked-in contract samples in {@code src/test/resources/contracts}. */
final class Samples {

    static final String DIR = "/contracts/";

    private Samples() {
    }

    static String resourceName(EventType type) {
        return DIR + type.ceType() + ".json";
    }

    /** @return null when the sample is missing */
    static String read(EventType type) {
        try (InputStream in = Samples.class.getResourceAsStream(resourceName(type))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String require(EventType type) {
        String json = read(type);
        if (json == null) {
            throw new AssertionError("No sample src/test/resources" + resourceName(type));
        }
        return json;
    }
}

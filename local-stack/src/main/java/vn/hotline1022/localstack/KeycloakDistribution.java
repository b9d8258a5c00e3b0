package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import vn.hotline1022.infra.Directories;

/**
 * Keycloak's server distribution, {@code org.keycloak:keycloak-quarkus-dist} from Maven Central (no Docker): where
 * the build put the zip, and unpacking it once per version under the install's folder.
 */
final class KeycloakDistribution {

    static final String DIST_ZIP_RESOURCE = "keycloak/dist-zip.path";

    private KeycloakDistribution() {
    }

    /** The unpacked distribution in {@code dir}/dist, unpacked again only when the zip changed. */
    static Path unpack(Path dir) throws IOException {
        Path zip = distributionZip();
        Path dist = dir.resolve("dist");
        Path marker = dist.resolve(".unpacked-from");
        if (zip.getFileName().toString().equals(readQuietly(marker))) {
            return dist;
        }
        Directories.deleteQuietly(dist);
        Path partial = dir.resolve("dist.partial");
        Directories.deleteQuietly(partial);
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                String name = e.getName();
                int slash = name.indexOf('/'); // drop the top folder, keycloak-<version>/
                Path target = partial.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("unexpected entry " + name + " in " + zip);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(partial.resolve(".unpacked-from"), zip.getFileName().toString());
        Files.move(partial, dist);
        return dist;
    }

    static Path distributionZip() {
        try (InputStream in = KeycloakDistribution.class.getClassLoader().getResourceAsStream(DIST_ZIP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DIST_ZIP_RESOURCE + " is missing: build local-stack with Maven first "
                        + "(./mvnw install -DskipTests -pl local-stack)");
            }
            Path zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(zip + " is missing: build local-stack with Maven first");
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readQuietly(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}

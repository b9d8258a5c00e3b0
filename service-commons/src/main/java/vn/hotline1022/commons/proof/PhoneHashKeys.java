package vn.hotline1022.commons.proof;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's {@link PhoneHashes}, from {@code hotline.phone-hash-secrets} (HOTLINE_PHONE_HASH_SECRETS): a comma-separated
 * list, newest key first. To rotate, put a new key in front, and drop the old one once what it hashed has aged out.
 */
public class PhoneHashKeys {

    @Produces
    @Singleton
    PhoneHashes phoneHashes(@ConfigProperty(name = "hotline.phone-hash-secrets") List<String> keys) {
        return new PhoneHashes(keys);
    }
}

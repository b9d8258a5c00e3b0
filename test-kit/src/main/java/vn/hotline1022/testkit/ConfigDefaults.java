package vn.hotline1022.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.WithDefault;

/**
 * A configuration mapping as the service gets it with nothing configured: each method answers its
 * {@code @WithDefault}, a nested mapping its own defaults, and {@code overrides} (by method name) win. For unit tests of
 * rules that read their numbers from configuration: the same defaults, no Quarkus.
 */
public final class ConfigDefaults {

    private ConfigDefaults() {
    }

    public static <T> T of(Class<T> mapping) {
        return of(mapping, Map.of());
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> mapping, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(mapping.getClassLoader(), new Class<?>[] { mapping },
                (proxy, method, args) -> answer(mapping, method, overrides));
    }

    private static Object answer(Class<?> mapping, Method method, Map<String, Object> overrides) {
        if (overrides.containsKey(method.getName())) {
            return overrides.get(method.getName());
        }
        if (method.getName().equals("toString")) {
            return "defaults of " + mapping.getSimpleName();
        }
        WithDefault value = method.getAnnotation(WithDefault.class);
        Class<?> type = method.getReturnType();
        if (value == null) {
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                return of(type); // a nested group of settings
            }
            throw new IllegalStateException(mapping.getSimpleName() + "." + method.getName() + " has no default");
        }
        String v = value.value();
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(v);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(v);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(v);
        }
        if (type == Duration.class) {
            return duration(v);
        }
        if (type == String.class) {
            return v;
        }
        throw new IllegalStateException("no default of type " + type + " for " + method.getName());
    }

    /** As SmallRye reads a duration: ISO-8601, a number of seconds, or a number with ms, s, m, h or d. */
    static Duration duration(String v) {
        String s = v.strip();
        if (s.startsWith("P") || s.startsWith("p")) {
            return Duration.parse(s);
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (s.toLowerCase().endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.toLowerCase().endsWith("d")) {
            return Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return Duration.parse("PT" + s.toUpperCase());
    }
}

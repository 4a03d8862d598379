package io.github.tieredcache.autoconfigure;

import java.security.CodeSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.Registry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The Resilience4j on the classpath, checked before the circuit breaker is built: the
 * tiered cache supports Resilience4j {@value #MINIMUM} and later, and an older one (often
 * pinned by a BOM) stops start-up with {@link UnsupportedResilience4jVersionException}
 * rather than failing later with a {@link NoSuchMethodError}.
 *
 * <p>
 * The version is read from the {@code Implementation-Version} of each module's jar
 * manifest. A repackaged jar may have lost it; then {@code Registry.removeConfiguration},
 * which Resilience4j gained in 2.2, tells a supported version from an older one.
 */
record Resilience4jVersion(String module, String version, @Nullable String location, boolean supported) {

	/**
	 * The oldest supported version.
	 */
	static final String MINIMUM = "2.2.0";

	/**
	 * The version the tiered cache is built and tested with.
	 */
	static final String RECOMMENDED = "2.4.0";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	/**
	 * Stops start-up when a Resilience4j module on the classpath is older than
	 * {@value #MINIMUM}.
	 * @throws UnsupportedResilience4jVersionException naming the module, its version and
	 * its jar
	 */
	static void requireSupported() {
		for (Resilience4jVersion found : new Resilience4jVersion[] {
				of("resilience4j-circuitbreaker", CircuitBreaker.class), of("resilience4j-core", Registry.class) }) {
			if (!found.supported()) {
				throw new UnsupportedResilience4jVersionException(found);
			}
		}
	}

	static Resilience4jVersion of(String module, Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		String location = location(type);
		if (version == null) {
			boolean recent = ClassUtils.hasMethod(Registry.class, "removeConfiguration", String.class);
			return new Resilience4jVersion(module,
					recent ? "unknown (" + MINIMUM + " or later)" : "unknown (older than " + MINIMUM + ")", location,
					recent);
		}
		return new Resilience4jVersion(module, version, location, atLeastMinimum(version));
	}

	static boolean atLeastMinimum(String version) {
		Matcher matcher = MAJOR_MINOR.matcher(version);
		if (!matcher.find()) {
			// Not a version we can read: let the application try
			return true;
		}
		int major = Integer.parseInt(matcher.group(1));
		int minor = Integer.parseInt(matcher.group(2));
		return major > 2 || (major == 2 && minor >= 2);
	}

	private static @Nullable String location(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return (source != null && source.getLocation() != null) ? source.getLocation().toString() : null;
	}

}

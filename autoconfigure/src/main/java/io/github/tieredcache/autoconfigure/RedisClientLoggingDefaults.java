package io.github.tieredcache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quiets the Lettuce loggers that warn on every attempt to reconnect to Redis, a few
 * times a minute per connection for as long as Redis is down, by setting them to
 * {@code ERROR} in a property source of the lowest precedence. The cache logs the outage
 * itself: when it starts, as a reminder while it lasts, and when it ends.
 * <p>
 * A logger keeps whatever level the application sets for it or for one of its parent
 * packages ({@code logging.level.io.lettuce=WARN}, for example), in any property source.
 */
class RedisClientLoggingDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source holding the defaults. */
	static final String PROPERTY_SOURCE_NAME = "tieredCacheLoggingDefaults";

	/** Loggers that warn about every failed reconnection attempt. */
	static final List<String> RECONNECT_LOGGERS = List.of("io.lettuce.core.protocol.ConnectionWatchdog",
			"io.lettuce.core.protocol.ReconnectionHandler");

	static final String LEVEL = "ERROR";

	private static final String PREFIX = "logging.level.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (String logger : RECONNECT_LOGGERS) {
			if (!configuredByApplication(environment, logger)) {
				defaults.put(PREFIX + logger, LEVEL);
			}
		}
		if (!defaults.isEmpty() && !environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	/**
	 * Whether the application sets a level for the logger or one of its parents (not the
	 * root logger, which sets every level at once).
	 */
	private static boolean configuredByApplication(ConfigurableEnvironment environment, String logger) {
		String name = logger;
		while (!name.isEmpty()) {
			if (environment.containsProperty(PREFIX + name)) {
				return true;
			}
			int dot = name.lastIndexOf('.');
			name = (dot > 0) ? name.substring(0, dot) : "";
		}
		return false;
	}

	@Override
	public int getOrder() {
		// After the application's configuration files are loaded, which it must not
		// override
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.github.tieredcache.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lettuce's reconnection warnings are quieted by default, and the application's own
 * {@code logging.level.*} wins.
 */
class RedisClientLoggingDefaultsTests {

	private static final String WATCHDOG = "io.lettuce.core.protocol.ConnectionWatchdog";

	private static final String RECONNECTION = "io.lettuce.core.protocol.ReconnectionHandler";

	/**
	 * Forgets the levels an earlier application in this JVM gave the loggers: a level set
	 * for a parent package does not replace a child's own.
	 */
	@BeforeEach
	@AfterEach
	void resetLevels() {
		LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
		system.setLogLevel(WATCHDOG, null);
		system.setLogLevel(RECONNECTION, null);
	}

	@Test
	void anApplicationLogsLettucesReconnectionAttemptsOnlyAsErrors() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(effectiveLevel(context, WATCHDOG)).isEqualTo(LogLevel.ERROR);
			assertThat(effectiveLevel(context, RECONNECTION)).isEqualTo(LogLevel.ERROR);
			assertThat(org.slf4j.LoggerFactory.getLogger(WATCHDOG).isWarnEnabled()).isFalse();
			assertThat(effectiveLevel(context, "io.lettuce.core.protocol.CommandHandler")).isNotEqualTo(LogLevel.ERROR);
		}
	}

	@Test
	void theApplicationsOwnLevelForTheLoggerWins() {
		try (ConfigurableApplicationContext context = run("--logging.level." + WATCHDOG + "=warn")) {
			assertThat(effectiveLevel(context, WATCHDOG)).isEqualTo(LogLevel.WARN);
			assertThat(org.slf4j.LoggerFactory.getLogger(WATCHDOG).isWarnEnabled()).isTrue();
			assertThat(effectiveLevel(context, RECONNECTION)).isEqualTo(LogLevel.ERROR);
		}
	}

	@Test
	void theApplicationsOwnLevelForAParentPackageWins() {
		try (ConfigurableApplicationContext context = run("--logging.level.io.lettuce=info")) {
			assertThat(effectiveLevel(context, WATCHDOG)).isEqualTo(LogLevel.INFO);
			assertThat(effectiveLevel(context, RECONNECTION)).isEqualTo(LogLevel.INFO);
		}
	}

	@Test
	void aLevelSetInAnEnvironmentVariableWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("LOGGING_LEVEL_IO_LETTUCE_CORE", "WARN")));
		new RedisClientLoggingDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(RedisClientLoggingDefaults.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void theDefaultsHaveTheLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("late", Map.of("other", "x")));
		new RedisClientLoggingDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(RedisClientLoggingDefaults.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("logging.level." + WATCHDOG)).isEqualTo("ERROR");
	}

	private static LogLevel effectiveLevel(ConfigurableApplicationContext context, String logger) {
		org.slf4j.LoggerFactory.getLogger(logger);
		return LoggingSystem.get(context.getClassLoader()).getLoggerConfiguration(logger).getEffectiveLevel();
	}

	private static ConfigurableApplicationContext run(String... arguments) {
		return new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE).run(arguments);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class EmptyApplication {

	}

}

package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Makes {@code ./mvnw spring-boot:run} work on any developer machine by finding a Redis
 * before the application context is created, in this order:
 * <ol>
 * <li>the configured one ({@code spring.data.redis.host}/{@code port}, i.e.
 * {@code REDIS_HOST}/{@code REDIS_PORT}), if it answers a {@code PING} within 300
 * ms;</li>
 * <li>one that Spring Boot's Docker Compose support starts from {@code compose.yaml}, if
 * {@code spring-boot-docker-compose} is on the class path and a Docker engine runs;</li>
 * <li>an embedded {@code redis-server} on a free loopback port (see
 * {@link EmbeddedRedis}), stopped when the application stops;</li>
 * <li>none: the Redis auto-configuration is excluded and every cache runs on L1 alone,
 * with one warning.</li>
 * </ol>
 * Docker Compose support is switched off in every case but the second, because it fails
 * start-up when the {@code docker} command exists but no engine runs.
 * <p>
 * Registered by {@code SampleApplication.main} only, so tests (which bring their own
 * Redis) and applications that configure {@code spring.data.redis.url} are left alone.
 * Set {@code sample.local-redis.enabled=false} to switch it off. A production application
 * does not need any of this: it configures its Redis.
 */
public final class LocalRedisSetup implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** Name of the property source holding the settings this class makes. */
	public static final String PROPERTY_SOURCE_NAME = "sampleLocalRedis";

	static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");

	private static final String DOCKER_COMPOSE_CLASS = "org.springframework.boot.docker.compose.lifecycle.DockerComposeListener";

	private static final Duration PING_TIMEOUT = Duration.ofMillis(300);

	private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisSetup.class);

	private final RedisProbe redisProbe;

	private final BooleanSupplier dockerEngineRuns;

	private final boolean dockerComposeSupport;

	private final RedisStarter redisStarter;

	/**
	 * Create an instance that probes and starts servers for real.
	 */
	public LocalRedisSetup() {
		this((host, port) -> RedisPing.answers(host, port, PING_TIMEOUT), () -> DockerEngine.isRunning(DOCKER_TIMEOUT),
				ClassUtils.isPresent(DOCKER_COMPOSE_CLASS, LocalRedisSetup.class.getClassLoader()), () -> {
					EmbeddedRedis redis = EmbeddedRedis.start();
					return new StartedRedis(redis.port(), redis::close);
				});
	}

	LocalRedisSetup(RedisProbe redisProbe, BooleanSupplier dockerEngineRuns, boolean dockerComposeSupport,
			RedisStarter redisStarter) {
		this.redisProbe = redisProbe;
		this.dockerEngineRuns = dockerEngineRuns;
		this.dockerComposeSupport = dockerComposeSupport;
		this.redisStarter = redisStarter;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		StartedRedis started = apply(event.getEnvironment()).started();
		if (started != null) {
			event.getSpringApplication().addListeners(new StopOnShutdown(started));
		}
	}

	/**
	 * Choose a Redis and add the properties that select it to the environment.
	 * @param environment the application's environment, with its configuration loaded
	 * @return what was chosen
	 */
	Choice apply(ConfigurableEnvironment environment) {
		if (!environment.getProperty("sample.local-redis.enabled", Boolean.class, true)
				|| StringUtils.hasText(environment.getProperty("spring.data.redis.url"))) {
			return new Choice(RedisSource.CONFIGURED, null);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		Choice choice = choose(environment, properties);
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		}
		return choice;
	}

	private Choice choose(ConfigurableEnvironment environment, Map<String, Object> properties) {
		String host = environment.getProperty("spring.data.redis.host", "localhost");
		int port = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
		boolean compose = this.dockerComposeSupport
				&& environment.getProperty("spring.docker.compose.enabled", Boolean.class, true);
		if (this.redisProbe.answers(host, port)) {
			logger.info("Using the Redis at {}:{}", host, port);
			disableDockerCompose(properties);
			return new Choice(RedisSource.CONFIGURED, null);
		}
		if (compose && this.dockerEngineRuns.getAsBoolean()) {
			logger.info("No Redis answers at {}:{}; Docker Compose starts one from compose.yaml", host, port);
			return new Choice(RedisSource.DOCKER_COMPOSE, null);
		}
		disableDockerCompose(properties);
		try {
			StartedRedis started = this.redisStarter.start();
			logger.info(
					"No Redis answers at {}:{} and no Docker engine runs; started an embedded Redis on 127.0.0.1:{}",
					host, port, started.port());
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", started.port());
			return new Choice(RedisSource.EMBEDDED, started);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("No Redis: nothing answers at {}:{}, no Docker engine runs for compose.yaml, and an embedded "
					+ "Redis could not be started ({}). Running with in-memory (L1) caches only. To use Redis, start "
					+ "one (e.g. redis-server) or point REDIS_HOST and REDIS_PORT at one.", host, port, ex.toString());
			properties.put("spring.autoconfigure.exclude", withRedisExcluded(environment));
			return new Choice(RedisSource.NONE, null);
		}
	}

	private void disableDockerCompose(Map<String, Object> properties) {
		if (this.dockerComposeSupport) {
			properties.put("spring.docker.compose.enabled", false);
		}
	}

	private static String withRedisExcluded(ConfigurableEnvironment environment) {
		List<String> exclusions = new ArrayList<>(Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of()));
		exclusions.addAll(REDIS_AUTO_CONFIGURATIONS);
		return String.join(",", exclusions);
	}

	/**
	 * Where the sample's Redis comes from.
	 */
	enum RedisSource {

		/** The configured Redis (or the setup was switched off). */
		CONFIGURED,

		/** A container started by Spring Boot's Docker Compose support. */
		DOCKER_COMPOSE,

		/** An embedded {@code redis-server} process. */
		EMBEDDED,

		/** No Redis: caches run on L1 only. */
		NONE

	}

	/**
	 * What {@link #apply} chose.
	 *
	 * @param source where Redis comes from
	 * @param started the server started for the application, or {@code null}
	 */
	record Choice(RedisSource source, @Nullable StartedRedis started) {

	}

	/**
	 * Answers whether a Redis server listens at an address.
	 */
	@FunctionalInterface
	interface RedisProbe {

		boolean answers(String host, int port);

	}

	/**
	 * Starts a Redis server on this machine.
	 */
	@FunctionalInterface
	interface RedisStarter {

		StartedRedis start() throws IOException;

	}

	/**
	 * A Redis server started for the application.
	 *
	 * @param port its port on {@code 127.0.0.1}
	 * @param stop stops it
	 */
	record StartedRedis(int port, Runnable stop) {

	}

	/**
	 * Stops the started server when the application context closes or fails to start.
	 */
	private record StopOnShutdown(StartedRedis redis) implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if ((event instanceof ContextClosedEvent closed && closed.getApplicationContext().getParent() == null)
					|| event instanceof ApplicationFailedEvent) {
				this.redis.stop().run();
			}
		}

	}

}

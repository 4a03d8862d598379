package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an application's log says about a Redis outage, with Spring Boot's logging set up
 * as in an application: one warning when it starts, reminders at most once a minute, one
 * warning when it ends, nothing from Lettuce unless the application asks for it. The
 * outage lasts {@code -Dtiered-cache.test.outage=<seconds>} (12 by default; run it once
 * with 180 to see reminders).
 */
@RealRedis
@Tag("fault")
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageLoggingTests {

	private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("tiered-cache.test.outage", 12));

	/**
	 * Forgets the levels an earlier application in this JVM gave Lettuce's loggers: a
	 * level set for a parent package does not replace a child's own.
	 */
	@BeforeEach
	void resetLevels() {
		LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
		RedisClientLoggingDefaults.RECONNECT_LOGGERS.forEach((logger) -> system.setLogLevel(logger, null));
	}

	@Test
	void anOutageLogsAWarningWhenItStartsAndOneWhenItEndsAndLettuceStaysQuiet(@Dedicated RedisServer redis,
			CapturedOutput output) {
		List<String> lines;
		try (ConfigurableApplicationContext context = start(redis)) {
			int before = output.length();
			outage(context, redis, OUTAGE);
			lines = warnings(output.toString().substring(before));
		}
		lines.forEach((line) -> System.out.println("[outage log] " + line));
		// Lines that Lettuce's loggers wrote (the starter's may name its exceptions)
		assertThat(lines).filteredOn((line) -> line.matches("(WARN|ERROR)\\s+io\\.lettuce\\..*")).isEmpty();
		List<String> starts = lines.stream().filter((line) -> line.contains(": Redis is failing")).toList();
		List<String> ends = lines.stream().filter((line) -> line.contains(": Redis answers again")).toList();
		assertThat(starts).singleElement().asString().startsWith("WARN  " + RemoteTierGuard.class.getName());
		assertThat(ends).singleElement().asString().startsWith("WARN  " + RemoteTierGuard.class.getName());
		List<String> duringTheOutage = lines.subList(lines.indexOf(starts.get(0)) + 1, lines.indexOf(ends.get(0)));
		// Only reminders, and the bus telling that it flushed L1 once it subscribed again
		assertThat(duringTheOutage).as("warnings between the outage's first and last")
			.filteredOn((line) -> !line.contains(": Flushing this instance's L1"))
			.allSatisfy((line) -> assertThat(line).contains(": Redis is still failing"))
			.hasSizeLessThanOrEqualTo((int) OUTAGE.toMinutes());
		assertThat(duringTheOutage).filteredOn((line) -> line.contains(": Flushing this instance's L1"))
			.hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void theApplicationsOwnLevelForLettuceBringsItsReconnectionWarningsBack(@Dedicated RedisServer redis,
			CapturedOutput output) {
		List<String> lines;
		try (ConfigurableApplicationContext context = start(redis, "--logging.level.io.lettuce.core.protocol=warn")) {
			int before = output.length();
			outage(context, redis, Duration.ofSeconds(3));
			lines = warnings(output.toString().substring(before));
		}
		assertThat(lines).filteredOn((line) -> line.startsWith("WARN  io.lettuce.core.protocol.ConnectionWatchdog"))
			.isNotEmpty();
	}

	private static void outage(ConfigurableApplicationContext context, RedisServer redis, Duration length) {
		TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
		products.put("before", "cached");
		redis.kill();
		AtomicInteger calls = new AtomicInteger();
		await().pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.during(length)
			.atMost(length.plusSeconds(30))
			.until(() -> {
				assertThat(products.get("before", String.class)).isEqualTo("cached");
				products.put("during-" + calls.getAndIncrement(), "kept in L1");
				products.evict("during-" + (calls.get() / 2));
				return true;
			});
		redis.restart();
		String keyPrefix = context.getBean(InvalidationBus.class).channel().replace(":~sync", "");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			products.put("after", "written to Redis");
			assertThat(redis.command("EXISTS", keyPrefix + ":products:after")).isEqualTo("1");
		});
		// The probes after the wait close the breaker: the outage is over for the caches
		RemoteTierGuard guard = context.getBean(RemoteTierGuard.class);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			products.put("after", "written to Redis");
			assertThat(guard.status().state()).isEqualTo(L2Status.State.UP);
		});
		InvalidationBus bus = context.getBean(InvalidationBus.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
	}

	private static List<String> warnings(String output) {
		return output.lines().filter((line) -> line.startsWith("WARN ") || line.startsWith("ERROR ")).toList();
	}

	private static ConfigurableApplicationContext start(RedisServer redis, String... arguments) {
		return new SpringApplicationBuilder(OutageApplication.class).web(WebApplicationType.NONE)
			.properties("spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=outage-log-" + UUID.randomUUID(), "tiered-cache.caches.products.ttl=10m",
					"logging.pattern.console=%-5level %logger : %msg%n")
			.run(arguments);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class,
			InvalidationBusAutoConfiguration.class })
	static class OutageApplication {

	}

}

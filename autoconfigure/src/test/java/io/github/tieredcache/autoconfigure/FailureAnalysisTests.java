package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidTieredCachePropertyFailureAnalyzer} and
 * {@link TieredCacheBindFailureAnalyzer}: what a developer reads when a
 * {@code tiered-cache.*} setting stops start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.defaults.ttl                | -5s  | 10m, 30s
			tiered-cache.caches.products.ttl         | 0s   | 10m, 30s
			tiered-cache.caches.products.l1.ttl      | -1m  | 10m, 30s
			tiered-cache.defaults.ttl-jitter         | 1.5  | such as 0.1
			tiered-cache.defaults.l1.max-size        | -1   | such as 10000
			tiered-cache.defaults.l2.max-value-size  | 0B   | such as 512KB
			""")
	void invalidValueIsReportedWithThePropertyTheValueAndTheFix(String property, String value, String fix) {
		FailureAnalysis analysis = analyzeInvalidProperty(this.runner.withPropertyValues(property + "=" + value));
		assertThat(analysis.getDescription()).contains("'" + property + "'").contains("'" + value + "'");
		assertThat(analysis.getAction()).contains(property).contains(fix);
	}

	@Test
	void cacheWithNeitherTierIsReportedWithBothSwitches() {
		FailureAnalysis analysis = analyzeInvalidProperty(this.runner
			.withPropertyValues("tiered-cache.caches.x.l1.enabled=false", "tiered-cache.caches.x.l2.enabled=false"));
		assertThat(analysis.getDescription()).contains("tiered-cache.caches.x.l1.enabled").contains("'false'");
		assertThat(analysis.getAction()).contains("tiered-cache.caches.x.l1.enabled")
			.contains("tiered-cache.caches.x.l2.enabled");
	}

	@Test
	@RealRedis
	void invalidClearBatchSizeIsReportedWithTheFix(RedisServer redis) {
		FailureAnalysis analysis = analyzeInvalidProperty(
				redisRunner(redis).withPropertyValues("tiered-cache.redis.clear-batch-size=0"));
		assertThat(analysis.getDescription()).contains("'tiered-cache.redis.clear-batch-size'").contains("'0'");
		assertThat(analysis.getAction()).contains("tiered-cache.redis.clear-batch-size").contains("1000");
	}

	@Test
	@RealRedis
	void blankKeyPrefixIsReportedWithTheFix(RedisServer redis) {
		FailureAnalysis analysis = analyzeInvalidProperty(
				redisRunner(redis).withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("blank", Map.of("tiered-cache.key-prefix", " ")))));
		assertThat(analysis.getDescription()).contains("'tiered-cache.key-prefix'").contains("' '");
		assertThat(analysis.getAction()).contains("tiered-cache.key-prefix").contains("spring.application.name");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.defaults.ttl                | banana | a duration such as 10m, 30s
			tiered-cache.caches.products.l1.ttl      | later  | a duration such as 10m, 30s
			tiered-cache.serialization.format        | yaml   | one of json, jdk
			tiered-cache.defaults.l2.max-value-size  | huge   | a size such as 512KB or 1MB
			tiered-cache.defaults.ttl-jitter         | some   | a decimal number such as 0.1
			tiered-cache.redis.clear-batch-size      | lots   | a whole number such as 1000
			tiered-cache.create-on-demand            | maybe  | true or false
			""")
	void unconvertibleValueIsReportedWithThePropertyTheValueAndAnExample(String property, String value,
			String example) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new TieredCacheBindFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains("'" + value + "'");
			assertThat(analysis.getAction()).startsWith("Set " + property + " to ").contains(example);
		});
	}

	@Test
	void bindFailureOfAnotherPropertyIsLeftToSpringBoot() {
		new ApplicationContextRunner().withUserConfiguration(ShopConfiguration.class)
			.withPropertyValues("shop.delivery-time=banana")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.cause(context.getStartupFailure(), BindException.class)).isNotNull();
				assertThat(new TieredCacheBindFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
				assertThat(new InvalidTieredCachePropertyFailureAnalyzer().analyze(context.getStartupFailure()))
					.isNull();
			});
	}

	@Test
	void startUpFailureReportShowsTheTieredCacheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--tiered-cache.defaults.ttl=banana"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'banana' for property 'tiered-cache.defaults.ttl'")
			.contains("Set tiered-cache.defaults.ttl to a duration such as 10m, 30s, 500ms or PT1H.")
			.doesNotContain("Update your application's configuration");
	}

	private static FailureAnalysis analyzeInvalidProperty(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidTieredCachePropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

	private static ApplicationContextRunner redisRunner(RedisServer redis) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url());
	}

	/**
	 * The smallest application that picks up the tiered cache through auto-configuration.
	 * Redis is left out so that nothing tries to reach a server the test did not start,
	 * and the database because it plays no part here.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { DataRedisAutoConfiguration.class, DataSourceAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class })
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ShopProperties.class)
	static class ShopConfiguration {

	}

	@ConfigurationProperties("shop")
	static class ShopProperties {

		private Duration deliveryTime = Duration.ofDays(1);

		public Duration getDeliveryTime() {
			return this.deliveryTime;
		}

		public void setDeliveryTime(Duration deliveryTime) {
			this.deliveryTime = deliveryTime;
		}

	}

}

package io.github.tieredcache.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.RefreshExecutor;
import io.github.tieredcache.cache.RemoteTierFactory;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.KeyEncoder;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.TypeAllowList;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link TieredCacheAutoConfiguration}.
 */
class TieredCacheAutoConfigurationTests {

	private final ApplicationContextRunner inProcessRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class));

	@Test
	void createsATieredCacheManagerNamedCacheManager() {
		this.inProcessRunner.run((context) -> {
			assertThat(context).hasSingleBean(TieredCacheManager.class);
			assertThat(context.getBeanNamesForType(CacheManager.class)).containsExactly("cacheManager");
		});
	}

	@Test
	void cachesWithoutARedisConnectionFactoryAreInProcessOnly() {
		this.inProcessRunner.withPropertyValues("tiered-cache.caches.products.ttl=10m").run((context) -> {
			TieredCache products = cache(context.getBean(TieredCacheManager.class), "products");
			assertThat(products.localTier()).isNotNull();
			assertThat(products.remoteTier()).isNull();
			assertThat(products.spec().l2Enabled()).isFalse();
			assertThat(context).doesNotHaveBean(RemoteTierFactory.class);
		});
	}

	@Test
	void cachesWithoutSpringDataRedisOnTheClasspathAreInProcessOnly() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("tiered-cache.caches.products.ttl=10m")
			.run((context) -> {
				assertThat(context).hasSingleBean(TieredCacheManager.class);
				assertThat(context).doesNotHaveBean(RemoteTierFactory.class);
				TieredCache products = cache(context.getBean(TieredCacheManager.class), "products");
				assertThat(products.localTier()).isNotNull();
				assertThat(products.remoteTier()).isNull();
			});
	}

	@Test
	void disablingTheTieredCacheRemovesEveryBean() {
		this.inProcessRunner.withPropertyValues("tiered-cache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TieredCacheManager.class);
			assertThat(context).doesNotHaveBean(TieredCacheProperties.class);
			assertThat(context).doesNotHaveBean(CacheManager.class);
		});
	}

	@Test
	void stepsAsideWhenTheApplicationChoosesASpringBootCacheType() {
		this.inProcessRunner.withPropertyValues("spring.cache.type=none").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TieredCacheManager.class);
		});
	}

	@Test
	void ttlsBeyondAHundredYearsAreRejectedWithTheProperty() {
		this.inProcessRunner.withPropertyValues("tiered-cache.defaults.ttl=40000d").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTieredCachePropertyException.class)
				.hasMessageContaining("tiered-cache.defaults.ttl")
				.hasMessageContaining("36500d");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnCacheManager() {
		ConcurrentMapCacheManager own = new ConcurrentMapCacheManager();
		this.inProcessRunner.withBean("applicationCacheManager", CacheManager.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(TieredCacheManager.class);
			assertThat(context).hasSingleBean(CacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isSameAs(own);
		});
	}

	@Test
	void cacheNotNamedInConfigurationIsAbsentWhenCreationOnDemandIsOff() {
		this.inProcessRunner
			.withPropertyValues("tiered-cache.create-on-demand=false", "tiered-cache.caches.products.ttl=10m")
			.run((context) -> {
				TieredCacheManager manager = context.getBean(TieredCacheManager.class);
				assertThat(manager.getCache("unknown")).isNull();
				assertThat(manager.getCache("products")).isNotNull();
				assertThat(manager.getCacheNames()).containsExactly("products");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.defaults.ttl                 | -5s
			tiered-cache.caches.products.ttl          | 0s
			tiered-cache.caches.products.l1.ttl       | -1m
			tiered-cache.defaults.null-value-ttl      | 0s
			tiered-cache.defaults.ttl-jitter          | 1.5
			tiered-cache.caches.products.ttl-jitter   | -0.1
			tiered-cache.defaults.l1.max-size         | -1
			tiered-cache.caches.products.l1.max-size  | -2
			tiered-cache.defaults.l2.max-value-size   | 0B
			tiered-cache.defaults.hot-keys            | 100001
			tiered-cache.caches.products.hot-keys     | -1
			tiered-cache.caches.products.refresh-ahead | 1.0
			tiered-cache.defaults.hot-key-refresh-before | 0s
			tiered-cache.defaults.l2.compression.threshold | -1KB
			tiered-cache.caches.products.l2.compression.threshold | -8B
			""")
	void invalidValueStopsStartUpNamingTheProperty(String property, String value) {
		this.inProcessRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			InvalidTieredCachePropertyException ex = StartupFailures.cause(context.getStartupFailure(),
					InvalidTieredCachePropertyException.class);
			assertThat(ex.getProperty()).isEqualTo(property);
			assertThat(ex.getMessage()).contains(property);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "tiered-cache.defaults.", "tiered-cache.caches.x." })
	void cacheWithNeitherTierStopsStartUp(String prefix) {
		this.inProcessRunner.withPropertyValues(prefix + "l1.enabled=false", prefix + "l2.enabled=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidTieredCachePropertyException ex = StartupFailures.cause(context.getStartupFailure(),
						InvalidTieredCachePropertyException.class);
				assertThat(ex.getProperty()).isEqualTo(prefix + "l1.enabled");
				assertThat(ex.getAction()).contains(prefix + "l2.enabled");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.defaults.ttl                | banana
			tiered-cache.caches.products.ttl         | soon
			tiered-cache.serialization.format        | yaml
			tiered-cache.defaults.l2.max-value-size  | huge
			tiered-cache.defaults.l1.max-size        | many
			""")
	void unconvertibleValueStopsStartUpWithABindException(String property, String value) {
		this.inProcessRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			BindException ex = StartupFailures.cause(context.getStartupFailure(), BindException.class);
			assertThat(ex.getProperty()).isNotNull();
			assertThat(ex.getProperty().getName().toString()).isEqualTo(property);
		});
	}

	/**
	 * Scenarios that need the Redis tier, against a real Redis server.
	 */
	@Nested
	@RealRedis
	class WithRedis {

		private RedisServer redis;

		private String keyPrefix;

		private ApplicationContextRunner runner;

		@BeforeEach
		void prepare(RedisServer redis) {
			this.redis = redis;
			this.keyPrefix = "autoconfiguration-tests-" + UUID.randomUUID();
			this.runner = redisRunner(redis).withPropertyValues("tiered-cache.key-prefix=" + this.keyPrefix);
		}

		@Test
		void configuredCachesExistAtStartUpWithTheirResolvedSettings() {
			this.runner
				.withPropertyValues("tiered-cache.defaults.ttl=30m", "tiered-cache.defaults.l1.max-size=500",
						"tiered-cache.defaults.cache-null-values=false", "tiered-cache.caches.products.ttl=10m",
						"tiered-cache.caches.products.l1.max-size=100", "tiered-cache.caches.products.l1.ttl=1m",
						"tiered-cache.caches.prices.ttl=2m", "tiered-cache.caches.prices.l1.ttl=5m",
						"tiered-cache.caches.prices.l2.enabled=false")
				.run((context) -> {
					TieredCacheManager manager = context.getBean(TieredCacheManager.class);
					assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("products", "prices");
					CacheSpec products = cache(manager, "products").spec();
					assertThat(products.ttl()).isEqualTo(Duration.ofMinutes(10));
					assertThat(products.l1MaxSize()).isEqualTo(100);
					assertThat(products.effectiveL1Ttl()).isEqualTo(Duration.ofMinutes(1));
					assertThat(products.l2Enabled()).isTrue();
					assertThat(products.cacheNullValues()).as("inherited from defaults").isFalse();
					CacheSpec prices = cache(manager, "prices").spec();
					assertThat(prices.ttl()).isEqualTo(Duration.ofMinutes(2));
					assertThat(prices.l1MaxSize()).as("inherited from defaults").isEqualTo(500);
					assertThat(prices.effectiveL1Ttl()).as("l1.ttl capped by ttl").isEqualTo(Duration.ofMinutes(2));
					assertThat(prices.l2Enabled()).isFalse();
					assertThat(prices.cacheNullValues()).as("inherited from defaults").isFalse();
				});
		}

		@Test
		void cacheNotNamedInConfigurationIsCreatedOnDemandWithTheDefaults() {
			this.runner
				.withPropertyValues("tiered-cache.defaults.ttl=20m", "tiered-cache.defaults.l1.max-size=250",
						"tiered-cache.caches.products.ttl=10m")
				.run((context) -> {
					TieredCacheManager manager = context.getBean(TieredCacheManager.class);
					assertThat(manager.getCacheNames()).containsExactly("products");
					TieredCache orders = cache(manager, "orders");
					assertThat(orders.spec()).isEqualTo(manager.getDefaults().withName("orders"));
					assertThat(orders.spec().ttl()).isEqualTo(Duration.ofMinutes(20));
					assertThat(orders.spec().l1MaxSize()).isEqualTo(250);
					assertThat(orders.remoteTier()).isNotNull();
					assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("products", "orders");
				});
		}

		@Test
		void cachesHaveARedisTier() {
			this.runner.withPropertyValues("tiered-cache.caches.products.ttl=10m").run((context) -> {
				TieredCacheManager manager = context.getBean(TieredCacheManager.class);
				assertThat(cache(manager, "products").remoteTier()).isNotNull();
				assertThat(cache(manager, "created-on-demand").remoteTier()).isNotNull();
			});
		}

		@Test
		void cacheWithL2DisabledHasNoRedisTier() {
			this.runner.withPropertyValues("tiered-cache.caches.products.l2.enabled=false").run((context) -> {
				TieredCache products = cache(context.getBean(TieredCacheManager.class), "products");
				assertThat(products.remoteTier()).isNull();
				products.put("42", "Widget");
				assertThat(this.redis.command("EXISTS", this.keyPrefix + ":products:42")).isEqualTo("0");
			});
		}

		@Test
		void valuePutByOneInstanceIsReadByAnotherSharingTheRedisAndKeyPrefix() {
			this.runner.run((first) -> this.runner.run((second) -> {
				TieredCache writer = cache(first.getBean(TieredCacheManager.class), "products");
				TieredCache reader = cache(second.getBean(TieredCacheManager.class), "products");
				writer.put("42", "Widget");
				assertThat(reader.get("42", String.class)).isEqualTo("Widget");
				assertThat(reader.statistics().snapshot().l2Hits()).isEqualTo(1);
			}));
		}

		@Test
		void redisKeyIsKeyPrefixCacheNameAndKey() {
			this.runner.run((context) -> {
				TieredCache products = cache(context.getBean(TieredCacheManager.class), "products");
				products.put("42", "Widget");
				assertThat(this.redis.command("EXISTS", this.keyPrefix + ":products:42")).isEqualTo("1");
				products.evict("42");
				assertThat(this.redis.command("EXISTS", this.keyPrefix + ":products:42")).isEqualTo("0");
			});
		}

		@Test
		void applicationsLettuceClientIsLeftAloneWhenNoCacheUsesRedis() {
			this.runner
				.withPropertyValues("tiered-cache.defaults.l2.enabled=false", "tiered-cache.caches.products.ttl=10m")
				.run((context) -> {
					assertThat(context).hasSingleBean(TieredCacheManager.class).doesNotHaveBean(RedisRecovery.class);
					assertThat(reconnectDelayAfterManyAttempts(context)).isEqualTo(Duration.ofSeconds(30));
				});
		}

		@Test
		void applicationsLettuceClientIsLeftAloneWhenItsOwnCacheManagerReplacesTheTieredOne() {
			this.runner.withBean(CacheManager.class, ConcurrentMapCacheManager::new).run((context) -> {
				assertThat(context).doesNotHaveBean(TieredCacheManager.class).doesNotHaveBean(RedisRecovery.class);
				assertThat(reconnectDelayAfterManyAttempts(context)).isEqualTo(Duration.ofSeconds(30));
			});
		}

		@Test
		void reconnectionBackOffIsCappedWhenCachesUseRedis() {
			this.runner.run((context) -> {
				assertThat(context).hasSingleBean(RedisRecovery.class);
				assertThat(reconnectDelayAfterManyAttempts(context)).isEqualTo(Duration.ofMillis(500));
			});
		}

		private static Duration reconnectDelayAfterManyAttempts(ApplicationContext context) {
			return context.getBean(ClientResources.class).reconnectDelay().createDelay(20);
		}

		@Test
		void keyPrefixDefaultsToTheApplicationName() {
			String applicationName = "catalog-" + UUID.randomUUID();
			redisRunner(this.redis).withPropertyValues("spring.application.name=" + applicationName).run((context) -> {
				cache(context.getBean(TieredCacheManager.class), "products").put("42", "Widget");
				assertThat(this.redis.command("EXISTS", applicationName + ":products:42")).isEqualTo("1");
			});
		}

		@Test
		void cacheManagerWinsOverSpringBootsOwnCacheAutoConfiguration() {
			redisRunner(this.redis).withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
				.withPropertyValues("tiered-cache.key-prefix=" + this.keyPrefix)
				.withUserConfiguration(CachingConfiguration.class)
				.run((context) -> {
					assertThat(context).hasSingleBean(CacheManager.class);
					assertThat(context.getBean(CacheManager.class)).isInstanceOf(TieredCacheManager.class);
					ProductCatalog catalog = context.getBean(ProductCatalog.class);
					assertThat(catalog.find("42")).isEqualTo("product-42");
					assertThat(catalog.find("42")).isEqualTo("product-42");
					assertThat(catalog.lookups()).isEqualTo(1);
				});
		}

		@Test
		void clearBatchSizeOfZeroStopsStartUp() {
			this.runner.withPropertyValues("tiered-cache.redis.clear-batch-size=0").run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
					.getProperty()).isEqualTo("tiered-cache.redis.clear-batch-size");
			});
		}

		@Test
		void blankKeyPrefixStopsStartUp() {
			redisRunner(this.redis)
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("blank", Map.of("tiered-cache.key-prefix", " "))))
				.run((context) -> {
					assertThat(context).hasFailed();
					InvalidTieredCachePropertyException ex = StartupFailures.cause(context.getStartupFailure(),
							InvalidTieredCachePropertyException.class);
					assertThat(ex.getProperty()).isEqualTo("tiered-cache.key-prefix");
					assertThat(ex.getValue()).isEqualTo(" ");
				});
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.github.tieredcache.autoconfigure.TieredCacheAutoConfigurationTests#beanMethods")
		void everyBeanBacksOffToTheApplicationsOwn(String description, Method beanMethod) {
			Class<?> type = beanMethod.getReturnType();
			Supplier<?> applicationBean = applicationBeans().get(type);
			if (applicationBean == null) {
				fail("No application-defined %s to check that @Bean method %s backs off; add one to "
						+ "applicationBeans()", type.getName(), description);
			}
			this.runner.run((context) -> assertThat(context).as("auto-configured without an application bean")
				.hasSingleBean(type));
			Object own = applicationBean.get();
			this.runner.withBean("applicationDefined" + type.getSimpleName(), asObjectType(type), () -> own)
				.run((context) -> {
					assertThat(context).hasSingleBean(type);
					assertThat(context.getBean(type)).isSameAs(own);
				});
		}

		/**
		 * Returns, by bean type, an application-defined bean that each auto-configured
		 * bean must give way to.
		 */
		private static Map<Class<?>, Supplier<?>> applicationBeans() {
			Supplier<TieredCacheManager> cacheManager = () -> TieredCacheManager.builder().build();
			Supplier<KeyEncoder> keyEncoder = () -> (cacheName, key) -> key.toString();
			Supplier<CacheValueSerializer> serializer = () -> CacheValueSerializer
				.jdk(TypeAllowList.of(List.of("com.example")));
			Supplier<RemoteTierFactory> remoteTiers = () -> (spec, statistics) -> {
				throw new UnsupportedOperationException("No cache is created in this test");
			};
			Supplier<TieredCacheStartupReport> startupReport = () -> new TieredCacheStartupReport(Map::of, false);
			Supplier<RemoteTierGuard> guard = () -> RemoteTierGuard.builder().build();
			Supplier<RefreshExecutor> refreshExecutor = () -> RefreshExecutor.of(Runnable::run);
			Supplier<RedisRecovery> recovery = () -> {
				LettuceConnectionFactory unshared = new LettuceConnectionFactory();
				unshared.setShareNativeConnection(false);
				return new RedisRecovery(unshared, guard.get(), Duration.ofSeconds(1));
			};
			return Map.of(TieredCacheManager.class, cacheManager, KeyEncoder.class, keyEncoder,
					CacheValueSerializer.class, serializer, RemoteTierFactory.class, remoteTiers,
					TieredCacheStartupReport.class, startupReport, RemoteTierGuard.class, guard, RefreshExecutor.class,
					refreshExecutor, RedisRecovery.class, recovery);
		}

		@SuppressWarnings("unchecked")
		private static Class<Object> asObjectType(Class<?> type) {
			return (Class<Object>) type;
		}

	}

	private static ApplicationContextRunner redisRunner(RedisServer redis) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url());
	}

	static Stream<Arguments> beanMethods() {
		return configurationClasses(TieredCacheAutoConfiguration.class).stream()
			.flatMap((type) -> Arrays.stream(type.getDeclaredMethods()))
			.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, Bean.class))
			// Customizers add to the application's own rather than replace them
			.filter((method) -> !method.getReturnType().getSimpleName().endsWith("Customizer"))
			.map((method) -> Arguments.of(method.getDeclaringClass().getSimpleName() + "." + method.getName(), method));
	}

	/**
	 * Returns the auto-configuration and every configuration class it imports or nests,
	 * so that a bean added to any of them is covered.
	 */
	private static Set<Class<?>> configurationClasses(Class<?> root) {
		Set<Class<?>> found = ConfigurationClasses.reachableFrom(List.of(root));
		assertThat(found).as("configuration classes of %s", root.getSimpleName()).hasSizeGreaterThan(1);
		return found;
	}

	private static TieredCache cache(CacheManager manager, String name) {
		return (TieredCache) manager.getCache(name);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		ProductCatalog productCatalog() {
			return new ProductCatalog();
		}

	}

	@Test
	void bulkFillsKeepWatchingUntilTheBusHasNoticedLostMessages() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class));
		runner.run((context) -> assertThat(context.getBean(TieredCacheManager.class).bulkFillGuard())
			.isEqualTo(Duration.ofSeconds(10)));
		runner.withPropertyValues("tiered-cache.sync.heartbeat-interval=5s", "tiered-cache.sync.missed-heartbeats=4")
			.run((context) -> assertThat(context.getBean(TieredCacheManager.class).bulkFillGuard())
				.isEqualTo(Duration.ofSeconds(30)));
	}

}

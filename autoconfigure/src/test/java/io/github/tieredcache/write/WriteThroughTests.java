package io.github.tieredcache.write;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.annotation.WriteBehind;
import io.github.tieredcache.annotation.WriteThrough;
import io.github.tieredcache.autoconfigure.InvalidTieredCachePropertyException;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @WriteThrough} on a real Redis and a real transaction manager (H2 over JDBC):
 * the value is cached in both tiers after the commit and reaches the other instances;
 * nothing is cached on a rollback or an exception. Also the start-up errors of bad write
 * annotations and properties.
 */
@RealRedis
class WriteThroughTests {

	private final String keyPrefix = "wt-" + UUID.randomUUID();

	private final String database = "views-" + UUID.randomUUID();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void afterTheCommitTheValueIsInBothTiersAndEveryInstanceReadsIt() {
		ConfigurableApplicationContext a = start(ViewsApplication.class);
		ConfigurableApplicationContext b = start(ViewsApplication.class);
		assertThat(counters(b).views(7)).isZero();
		int reads = counters(b).reads();

		assertThat(counters(a).resetViews(7, 70)).isEqualTo(70);

		assertThat(cache(a).remoteTier().get(cache(a).encodeKey(7L))).isNotNull();
		awaitDropped(b, 7L);
		assertThat(counters(b).views(7)).isEqualTo(70);
		assertThat(counters(b).reads()).as("read from the cache, not the database").isEqualTo(reads);
	}

	@Test
	void insideATransactionTheValueIsCachedOnlyOnceItCommits() {
		ConfigurableApplicationContext a = start(ViewsApplication.class);
		new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			counters(a).resetViews(8, 80);
			assertThat(cache(a).get(8L)).as("before the commit").isNull();
		});
		assertThat(cache(a).get(8L, Long.class)).as("after the commit").isEqualTo(80);
	}

	@Test
	void aRollbackCachesNothing() {
		ConfigurableApplicationContext a = start(ViewsApplication.class);
		new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			counters(a).resetViews(9, 90);
			status.setRollbackOnly();
		});
		assertThat(cache(a).get(9L)).isNull();
		assertThat(counters(a).views(9)).isZero();
	}

	@Test
	void aMethodThatThrowsCachesNothing() {
		ConfigurableApplicationContext a = start(ViewsApplication.class);
		assertThatIllegalArgumentException().isThrownBy(() -> counters(a).resetViews(9, -5));
		assertThat(cache(a).get(9L)).isNull();
		assertThat(counters(a).inDatabase(9)).as("rolled back").isNull();
	}

	@Test
	void aWriteBehindMethodThatReturnsAValueStopsStartUp() {
		assertThatThrownBy(() -> start(ViewsApplication.class, ReturnsAValue.class))
			.hasRootCauseInstanceOf(InvalidCacheAnnotationException.class)
			.rootCause()
			.hasMessageContaining("ReturnsAValue.save")
			.hasMessageContaining("Make the method void, or use @WriteThrough");
	}

	@Test
	void aWriteBehindMethodWithoutAValueStopsStartUp() {
		assertThatThrownBy(() -> start(ViewsApplication.class, NoValue.class))
			.hasRootCauseInstanceOf(InvalidCacheAnnotationException.class)
			.rootCause()
			.hasMessageContaining("@WriteBehind(value)")
			.hasMessageContaining("value = \"#count\"");
	}

	@Test
	void aWriteToAnUnknownCacheStopsStartUp() {
		assertThatThrownBy(
				() -> start(ViewsApplication.class, UnknownCache.class, "--tiered-cache.create-on-demand=false"))
			.isInstanceOf(InvalidCacheAnnotationException.class)
			.hasMessageContaining("cache 'nowhere' does not exist")
			.hasMessageContaining("tiered-cache.caches.nowhere");
	}

	@Test
	void aBadWriteBehindPropertyStopsStartUpNamingIt() {
		assertThatThrownBy(
				() -> start(ViewsApplication.class, "--tiered-cache.caches.views.write-behind.max-attempts=0"))
			.hasRootCauseInstanceOf(InvalidTieredCachePropertyException.class)
			.rootCause()
			.hasMessageContaining("tiered-cache.caches.views.write-behind.max-attempts");
		assertThatThrownBy(() -> start(ViewsApplication.class, "--tiered-cache.defaults.write-behind.delay=-1s"))
			.rootCause()
			.hasMessageContaining("tiered-cache.defaults.write-behind.delay");
	}

	private ConfigurableApplicationContext start(Object... sourcesAndArgs) {
		List<Class<?>> sources = new ArrayList<>();
		List<String> args = new ArrayList<>(List.of("--instance=x",
				"--spring.datasource.url=jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1",
				"--spring.data.redis.url=" + RedisServers.shared().url(), "--tiered-cache.key-prefix=" + this.keyPrefix,
				"--tiered-cache.caches.views.ttl=10m", "--spring.main.banner-mode=off"));
		for (Object item : sourcesAndArgs) {
			if (item instanceof Class<?> source) {
				sources.add(source);
			}
			else {
				args.add((String) item);
			}
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		this.instances.add(context);
		return context;
	}

	private static ViewCounters counters(ConfigurableApplicationContext context) {
		return context.getBean(ViewCounters.class);
	}

	private static TieredCache cache(ConfigurableApplicationContext context) {
		return context.getBean(TieredCacheManager.class).getCache("views");
	}

	private static void awaitDropped(ConfigurableApplicationContext context, Object key) {
		TieredCache cache = cache(context);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (cache.localTier().get(cache.encodeKey(key)) != null) {
			assertThat(System.nanoTime()).as("dropped from L1 in time").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	static class ReturnsAValue {

		@WriteBehind(cache = "views", key = "#id", value = "#count")
		public long save(long id, long count) {
			return count;
		}

	}

	static class NoValue {

		@WriteBehind(cache = "views", key = "#id")
		public void save(long id, long count) {
		}

	}

	static class UnknownCache {

		@WriteThrough(cache = "nowhere", key = "#id")
		public Long save(long id) {
			return id;
		}

	}

}

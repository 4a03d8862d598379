package io.github.tieredcache.cache;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.cache.support.NullValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fill scope on one instance's L1: which calls it turns into fills (not reported to
 * other instances, counted as loads, dropped when the key changed meanwhile) and which
 * stay writes.
 */
class FillScopeTests {

	private final List<Invalidation> broadcast = new CopyOnWriteArrayList<>();

	private final TieredCache cache = TieredCacheManager.builder()
		.cache(CacheSpec.builder("products").l2Enabled(false).cacheNullValues(true).build())
		.invalidationListener(this.broadcast::add)
		.build()
		.getCache("products");

	@Test
	void aMissAndThePutOfItsKeyAreAFillNotAWrite() {
		try (FillScope scope = FillScope.open()) {
			assertThat(this.cache.get("1")).isNull();
			this.cache.put("1", "product-1");
			scope.succeeded();
		}
		assertThat(this.cache.get("1").get()).isEqualTo("product-1");
		assertThat(this.broadcast).isEmpty();
		TieredCacheStats stats = this.cache.statistics().snapshot();
		assertThat(stats.loadSuccesses()).isEqualTo(1);
		assertThat(stats.misses()).isEqualTo(1);
		assertThat(stats.puts()).isEqualTo(1);
	}

	@Test
	void aPutOfAKeyThatDidNotMissInTheScopeIsAWrite() {
		try (FillScope scope = FillScope.open()) {
			this.cache.get("1");
			this.cache.put("2", "product-2");
		}
		assertThat(this.broadcast).extracting(Invalidation::target).containsExactly("2");
	}

	@Test
	void aPutOutsideAnyScopeIsAWrite() {
		this.cache.get("1");
		this.cache.put("1", "product-1");
		assertThat(this.broadcast).hasSize(1);
	}

	@Test
	void aFillIsDroppedWhenTheKeyWasWrittenWhileTheMethodRan() {
		try (FillScope scope = FillScope.open()) {
			assertThat(this.cache.get("1")).isNull();
			this.cache.invalidateLocally(Invalidation.key("products", "1"));
			this.cache.put("1", "loaded before the change");
		}
		assertThat(this.cache.get("1")).isNull();
		assertThat(this.cache.statistics().snapshot().staleFillsPrevented()).isEqualTo(1);
		assertThat(this.broadcast).isEmpty();
	}

	@Test
	void aScopeClosedWithoutAPutCountsTheLoadAsItEnded() {
		try (FillScope scope = FillScope.open()) {
			this.cache.get("1");
		}
		try (FillScope scope = FillScope.open()) {
			this.cache.get("2");
			scope.succeeded();
		}
		TieredCacheStats stats = this.cache.statistics().snapshot();
		assertThat(stats.loadFailures()).isEqualTo(1);
		assertThat(stats.loadSuccesses()).isEqualTo(1);
		assertThat(this.cache.get("1")).isNull();
		assertThat(this.cache.get("2")).isNull();
	}

	@Test
	void nestedScopesEachCompleteTheirOwnFills() {
		try (FillScope outer = FillScope.open()) {
			this.cache.get("outer");
			try (FillScope inner = FillScope.open()) {
				this.cache.get("inner");
				this.cache.put("inner", "inner value");
				inner.succeeded();
			}
			this.cache.put("outer", "outer value");
			outer.succeeded();
		}
		assertThat(this.broadcast).isEmpty();
		assertThat(this.cache.statistics().snapshot().loadSuccesses()).isEqualTo(2);
		assertThat(FillScope.current()).isNull();
	}

	@Test
	void anyNullValueInstanceIsStoredAsNull() {
		NullValue other = anotherNullValue();
		this.cache.put("1", other);
		assertThat(this.cache.get("1")).isNotNull();
		assertThat(this.cache.get("1").get()).isNull();
	}

	private static NullValue anotherNullValue() {
		try {
			Constructor<NullValue> constructor = NullValue.class.getDeclaredConstructor();
			constructor.setAccessible(true);
			NullValue copy = constructor.newInstance();
			assertThat(copy).isNotSameAs(NullValue.INSTANCE);
			return copy;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

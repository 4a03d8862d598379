package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.cache.interceptor.SimpleKey;

/**
 * The shapes of key applications pass to their caches, for the hit benchmarks'
 * {@code keyType} parameter. Every benchmark in a run reads the same keys, so the ratios
 * to the baseline compare like with like. Ids start above the JVM's cache of boxed
 * {@code Long}s, as real ids do, so that boxing a {@code long} argument allocates.
 */
public enum KeyType {

	/** {@code "product:42"}: a string, the cheapest key to encode. */
	STRING,

	/** A {@code long} id, the most common key; {@code Long} once boxed. */
	LONG,

	/** A {@link UUID}. */
	UUID,

	/** A {@link ProductQuery} record. */
	RECORD,

	/**
	 * Two arguments, a {@code long} store id and a SKU: Spring's {@link SimpleKey} of
	 * both.
	 */
	SIMPLE_KEY;

	private static final long FIRST_ID = 1_000_000L;

	/**
	 * Returns the {@code index}th key of this shape, as the cache sees it.
	 * @param index the key's index
	 * @return the key
	 */
	Object key(int index) {
		return switch (this) {
			case STRING -> "product:" + index;
			case LONG -> FIRST_ID + index;
			case UUID -> java.util.UUID.nameUUIDFromBytes(("product:" + index).getBytes(StandardCharsets.UTF_8));
			case RECORD -> new ProductQuery("clothing/men/shirts", index);
			case SIMPLE_KEY -> new SimpleKey(storeId(index), sku(index));
		};
	}

	/**
	 * Returns {@code count} keys of this shape, as the cache sees them.
	 * @param count how many
	 * @return the keys
	 */
	Object[] keys(int count) {
		Object[] keys = new Object[count];
		for (int i = 0; i < count; i++) {
			keys[i] = key(i);
		}
		return keys;
	}

	/**
	 * Returns what a caller passes to a cached method for each of the first {@code count}
	 * keys: the key itself, or for {@link #SIMPLE_KEY} the arguments it is made of.
	 * @param count how many
	 * @return the arguments, one object per call
	 */
	Object[] arguments(int count) {
		Object[] arguments = new Object[count];
		for (int i = 0; i < count; i++) {
			arguments[i] = (this != SIMPLE_KEY) ? key(i) : new StoreAndSku(storeId(i), sku(i));
		}
		return arguments;
	}

	/**
	 * Calls the method of {@link CachedProducts} that takes keys of this shape, with the
	 * arguments an application would pass.
	 * @param products the bean
	 * @param argument an element of {@link #arguments(int)}
	 * @return the product
	 */
	Product find(CachedProducts products, Object argument) {
		return switch (this) {
			case STRING -> products.find((String) argument);
			case LONG -> products.findById((Long) argument);
			case UUID -> products.findByUuid((java.util.UUID) argument);
			case RECORD -> products.findMatching((ProductQuery) argument);
			case SIMPLE_KEY -> {
				StoreAndSku both = (StoreAndSku) argument;
				yield products.findInStore(both.storeId(), both.sku());
			}
		};
	}

	/**
	 * Calls the method of {@link CacheableProducts} that takes keys of this shape, with
	 * the arguments an application would pass.
	 * @param products the bean
	 * @param argument an element of {@link #arguments(int)}
	 * @return the product
	 */
	Product find(CacheableProducts products, Object argument) {
		return switch (this) {
			case STRING -> products.find((String) argument);
			case LONG -> products.findById((Long) argument);
			case UUID -> products.findByUuid((java.util.UUID) argument);
			case RECORD -> products.findMatching((ProductQuery) argument);
			case SIMPLE_KEY -> {
				StoreAndSku both = (StoreAndSku) argument;
				yield products.findInStore(both.storeId(), both.sku());
			}
		};
	}

	private static long storeId(int index) {
		return FIRST_ID + (index & 15);
	}

	private static String sku(int index) {
		return "SKU-" + index;
	}

	/**
	 * The two arguments of a {@link #SIMPLE_KEY} call, unpacked by the caller as it would
	 * hold them in local variables.
	 */
	private record StoreAndSku(long storeId, String sku) {

	}

}

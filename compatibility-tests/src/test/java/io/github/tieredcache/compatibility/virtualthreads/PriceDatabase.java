package io.github.tieredcache.compatibility.virtualthreads;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database every instance shares, in memory: a read blocks for a few milliseconds, as
 * a JDBC query would, and is counted.
 */
final class PriceDatabase {

	private static final Duration QUERY_TIME = Duration.ofMillis(20);

	private final Map<String, Long> prices = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

	Price read(String sku) {
		this.reads.computeIfAbsent(sku, (key) -> new AtomicInteger()).incrementAndGet();
		SimulatedWork.take(QUERY_TIME);
		return new Price(sku, this.prices.getOrDefault(sku, 100L));
	}

	void write(String sku, long cents) {
		this.prices.put(sku, cents);
	}

	int reads(String sku) {
		AtomicInteger count = this.reads.get(sku);
		return (count != null) ? count.get() : 0;
	}

}

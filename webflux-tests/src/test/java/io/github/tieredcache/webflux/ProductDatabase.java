package io.github.tieredcache.webflux;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * The database every instance of the catalog shares, in memory: reads and writes answer
 * after a few milliseconds on Reactor's parallel scheduler, as a reactive driver answers
 * on its own threads, and every read is counted when it starts.
 */
final class ProductDatabase {

	private final Map<Long, Product> rows = new ConcurrentHashMap<>();

	private final Map<Long, AtomicInteger> reads = new ConcurrentHashMap<>();

	private final Map<Long, String> failures = new ConcurrentHashMap<>();

	private final Map<Long, Duration> slowReads = new ConcurrentHashMap<>();

	private final Duration latency = Duration.ofMillis(5);

	Mono<Product> read(long id) {
		return Mono.defer(() -> {
			this.reads.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			return Mono.delay(this.slowReads.getOrDefault(id, this.latency));
		}).flatMap((tick) -> {
			String failure = this.failures.get(id);
			if (failure != null) {
				return Mono.error(new IllegalStateException(failure));
			}
			return Mono.justOrEmpty(this.rows.get(id));
		});
	}

	Mono<Product> rename(long id, String name) {
		return Mono.delay(this.latency)
			.map((tick) -> this.rows.compute(id,
					(key, row) -> new Product(id, name, (row != null) ? row.version() + 1 : 1)));
	}

	/**
	 * Writes a product without going through an application, as a migration would.
	 */
	void insert(long id, String name) {
		this.rows.put(id, new Product(id, name, 1));
	}

	/**
	 * How often a product has been read.
	 */
	int reads(long id) {
		AtomicInteger count = this.reads.get(id);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Makes every read of a product fail with the given message.
	 */
	void failReadsOf(long id, String message) {
		this.failures.put(id, message);
	}

	/**
	 * Makes every read of a product take the given time.
	 */
	void slowReadsOf(long id, Duration latency) {
		this.slowReads.put(id, latency);
	}

}

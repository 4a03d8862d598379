package io.github.tieredcache.aspect;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;
import org.jspecify.annotations.Nullable;

/**
 * A class without interfaces, so proxied with CGLIB; one method per behaviour under test.
 */
public class PriceService {

	private final AtomicInteger calls = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private volatile @Nullable IOException failure;

	// Accessors, not fields: a CGLIB proxy has fields of its own

	public int calls() {
		return this.calls.get();
	}

	public void holdLoadsUntil(CountDownLatch gate) {
		this.gate = gate;
	}

	public void failWith(@Nullable IOException failure) {
		this.failure = failure;
	}

	@Cached("prices")
	public String price(String symbol, @Nullable Integer day) {
		return symbol + "@" + day + "#" + this.calls.incrementAndGet();
	}

	@Cached("sums")
	public String sum(int... values) {
		return "sum#" + this.calls.incrementAndGet();
	}

	@Cached(cache = "quotes", key = "#symbol", condition = "#symbol != 'LIVE'", unless = "#result.startsWith('X')")
	public String quote(String symbol) {
		return symbol + "#" + this.calls.incrementAndGet();
	}

	@Cached(cache = "lookups", key = "#id")
	public Optional<String> lookup(String id) {
		this.calls.incrementAndGet();
		return id.equals("missing") ? Optional.empty() : Optional.of("found-" + id);
	}

	@Cached(cache = "futures", key = "#id")
	public CompletableFuture<String> fetch(String id) {
		this.calls.incrementAndGet();
		return CompletableFuture.supplyAsync(() -> "fetched-" + id);
	}

	@Cached(cache = "failures", key = "#id")
	public String failing(String id) throws IOException {
		this.calls.incrementAndGet();
		IOException toThrow = this.failure;
		if (toThrow != null) {
			throw toThrow;
		}
		return "ok-" + id;
	}

	@Cached(cache = "nulls", key = "#id")
	public @Nullable String nothing(String id) {
		this.calls.incrementAndGet();
		return null;
	}

	@Cached(cache = "short", key = "#id", ttl = "30s")
	public String shortLived(String id) {
		return id + "#" + this.calls.incrementAndGet();
	}

	@Cached(cache = "slow", key = "#id")
	public String slow(String id) throws InterruptedException {
		this.calls.incrementAndGet();
		this.gate.await(5, TimeUnit.SECONDS);
		return "slow-" + id;
	}

	@Cached(cache = "tagged", key = "#id", tags = { "'owner:' + #owner", "#result.length() > 100 ? 'big' : 'small'" })
	public String owned(String id, String owner) {
		return id + "/" + owner + "#" + this.calls.incrementAndGet();
	}

	@Cached(cache = "delayed", key = "#id")
	@InvalidateOn(event = ExploitCreated.class, key = "#event.chain", delay = "300ms")
	public String delayed(String id) {
		return id + "#" + this.calls.incrementAndGet();
	}

	@Cached(cache = "wholeCache", key = "#id")
	@InvalidateOn(event = ExploitCreated.class, condition = "#event.chain == 'all'")
	public String whole(String id) {
		return id + "#" + this.calls.incrementAndGet();
	}

}

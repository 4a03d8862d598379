package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The shared tier as {@link TieredCache#remoteTier()} hands it out: reads and removals
 * reach the tier; writes and leases are refused, because a value written behind the
 * cache's back would escape the fill-race checks and would not reach other instances.
 * Thread-safe.
 */
final class ReadOnlyRemoteTier implements RemoteTier {

	private final RemoteTier tier;

	ReadOnlyRemoteTier(RemoteTier tier) {
		this.tier = tier;
	}

	@Override
	public @Nullable RemoteEntry get(String key) {
		return this.tier.get(key);
	}

	@Override
	public CompletableFuture<@Nullable RemoteEntry> getAsync(String key) {
		return this.tier.getAsync(key);
	}

	@Override
	public CompletableFuture<RemoteLookup> getOrLeaseAsync(String key, Duration leaseTtl) {
		throw refused("getOrLeaseAsync");
	}

	@Override
	public CompletableFuture<Boolean> fillAsync(String key, Object value, Duration ttl, String lease) {
		throw refused("fillAsync");
	}

	@Override
	public CompletableFuture<@Nullable Void> releaseAsync(String key, String lease) {
		throw refused("releaseAsync");
	}

	@Override
	public void put(String key, Object value, Duration ttl) {
		throw refused("put");
	}

	@Override
	public void putAll(List<RemoteWrite> writes) {
		throw refused("putAll");
	}

	@Override
	public @Nullable RemoteEntry putIfAbsent(String key, Object value, Duration ttl) {
		throw refused("putIfAbsent");
	}

	@Override
	public @Nullable String lease(String key, Duration ttl) {
		throw refused("lease");
	}

	@Override
	public RemoteLookup getOrLease(String key, Duration leaseTtl) {
		throw refused("getOrLease");
	}

	@Override
	public boolean fill(String key, Object value, Duration ttl, String lease) {
		throw refused("fill");
	}

	@Override
	public boolean replace(String key, Object value, Duration ttl, RemoteEntry expected) {
		throw refused("replace");
	}

	@Override
	public void release(String key, String lease) {
		throw refused("release");
	}

	@Override
	public boolean evict(String key) {
		return this.tier.evict(key);
	}

	@Override
	public void evictAll(Collection<String> keys) {
		this.tier.evictAll(keys);
	}

	@Override
	public long evictMatching(String pattern) {
		return this.tier.evictMatching(pattern);
	}

	@Override
	public boolean clear() {
		return this.tier.clear();
	}

	private static UnsupportedOperationException refused(String operation) {
		return new UnsupportedOperationException("TieredCache.remoteTier() is read-only: " + operation
				+ " would bypass the checks that keep stale values out and would not reach other instances; "
				+ "write through the TieredCache (put, evict, bulkFill) instead");
	}

	@Override
	public String toString() {
		return "ReadOnly" + this.tier;
	}

}

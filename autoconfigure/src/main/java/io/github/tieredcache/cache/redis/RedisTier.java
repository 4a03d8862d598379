package io.github.tieredcache.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.cache.RemoteLookup;
import io.github.tieredcache.cache.RemoteTier;
import io.github.tieredcache.cache.RemoteValueCounters;
import io.github.tieredcache.cache.RemoteWrite;
import io.github.tieredcache.cache.ThrottledLogger;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The shared tier of one cache on Redis. Every command is synchronous and bounded by the
 * tier's timeout (see {@link TierCommands}): a write has been acknowledged by Redis when
 * the method returns. {@link #evictMatching(String)} and {@link #clear()} walk the
 * cache's keys with {@code SCAN} and remove them with {@code UNLINK} in batches, so
 * clearing a large cache never blocks Redis for other clients the way {@code KEYS} or a
 * single huge {@code DEL} would.
 *
 * <p>
 * A fill lease is stored in the entry's own key as {@code ~lease:} and a random token (an
 * entry always starts with its format version byte, so the two cannot be confused).
 * Keeping lease and value in one key makes every lease operation a single-key command or
 * script, which Redis Cluster runs on one node.
 *
 * <p>
 * The asynchronous reads and fills ({@link #getAsync}, {@link #getOrLeaseAsync},
 * {@link #fillAsync}, {@link #releaseAsync}) wait for no reply on Lettuce's shared
 * connection: they complete on Lettuce's threads, where the stored value is also decoded.
 *
 * <p>
 * Thread-safe: commands run on the application's {@link RedisConnectionFactory}, on its
 * shared Lettuce connection when it has one.
 *
 * <p>
 * Longer than most classes here: each tier operation comes in a blocking and an
 * asynchronous form, written side by side so that both send the same commands.
 */
final class RedisTier implements RemoteTier {

	private static final ThrottledLogger warnings = new ThrottledLogger(LogFactory.getLog(RedisTier.class),
			Duration.ofSeconds(10));

	private static final byte[] PUT_IF_ABSENT = """
			local present = redis.call('GET', KEYS[1])
			if present and string.sub(present, 1, 7) ~= '~lease:' then return present end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return false
			""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] FILL = """
			if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 1
			""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] REPLACE = """
			local present = redis.call('GET', KEYS[1])
			if not present or string.sub(present, 3, 18) ~= ARGV[3] then return 0 end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 1
			""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] RELEASE = """
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('DEL', KEYS[1])
			return 1
			""".getBytes(StandardCharsets.UTF_8);

	/**
	 * {@code SET NX PX GET} for servers older than Redis 7.0, which refuse {@code NX}
	 * with {@code GET}.
	 */
	private static final byte[] GET_OR_LEASE = """
			local present = redis.call('GET', KEYS[1])
			if present then return present end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return false
			""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] LEASE_MARKER = "~lease:".getBytes(StandardCharsets.UTF_8);

	private final CacheSpec spec;

	private final TierCommands commands;

	private final RedisKeyspace keyspace;

	private final EntryFormat format;

	private final RemoteValueCounters statistics;

	private final Clock clock;

	private final int clearBatchSize;

	private volatile boolean setGetRefused;

	RedisTier(CacheSpec spec, TierCommands commands, RedisKeyspace keyspace, EntryFormat format,
			RemoteValueCounters statistics, Clock clock, int clearBatchSize) {
		this.spec = spec;
		this.commands = commands;
		this.keyspace = keyspace;
		this.format = format;
		this.statistics = statistics;
		this.clock = clock;
		this.clearBatchSize = clearBatchSize;
	}

	@Override
	public @Nullable RemoteEntry get(String key) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] stored = this.commands.get(redisKey);
		return (stored != null) ? read(redisKey, stored) : null;
	}

	@Override
	public void put(String key, Object value, Duration ttl) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			this.commands.unlink(redisKey);
			return;
		}
		this.commands.set(redisKey, entry, ttl.toMillis());
	}

	/**
	 * Pipelines the writes in batches of {@value RemoteTier#BULK_BATCH_SIZE}, each batch
	 * bounded by the tier's timeout.
	 */
	@Override
	public void putAll(List<RemoteWrite> writes) {
		for (int from = 0; from < writes.size(); from += BULK_BATCH_SIZE) {
			List<RemoteWrite> batch = writes.subList(from, Math.min(writes.size(), from + BULK_BATCH_SIZE));
			byte[][] keys = new byte[batch.size()][];
			byte[][] values = new byte[batch.size()][];
			long[] ttls = new long[batch.size()];
			int count = 0;
			for (RemoteWrite write : batch) {
				byte[] redisKey = this.keyspace.key(write.key());
				byte[] entry = write(write.value(), write.ttl());
				if (entry == null) {
					this.commands.unlink(redisKey);
					continue;
				}
				keys[count] = redisKey;
				values[count] = entry;
				ttls[count] = write.ttl().toMillis();
				count++;
			}
			if (count > 0) {
				this.commands.setAll(Arrays.copyOf(keys, count), Arrays.copyOf(values, count),
						Arrays.copyOf(ttls, count));
			}
		}
	}

	@Override
	public @Nullable RemoteEntry putIfAbsent(String key, Object value, Duration ttl) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			return get(key);
		}
		byte[] ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8);
		for (int attempt = 0; attempt < 2; attempt++) {
			byte[] present = this.commands.evalValue(PUT_IF_ABSENT, redisKey, entry, ttlMillis);
			if (present == null) {
				return null;
			}
			RemoteEntry readable = read(redisKey, present);
			if (readable != null) {
				return readable;
			}
			// The present value was unreadable and has been removed: try once more to
			// write ours
		}
		return get(key);
	}

	@Override
	public @Nullable String lease(String key, Duration ttl) {
		byte[] redisKey = this.keyspace.key(key);
		String token = newToken();
		return this.commands.setIfAbsent(redisKey, leaseMarker(token), ttl.toMillis()) ? token : null;
	}

	/**
	 * One round trip: {@code SET key lease NX PX ttl GET} returns the entry when there is
	 * one and takes the lease when there is none. On a server older than Redis 7.0 the
	 * same is done by a script, decided on the first refusal.
	 */
	@Override
	public RemoteLookup getOrLease(String key, Duration leaseTtl) {
		byte[] redisKey = this.keyspace.key(key);
		String token = newToken();
		byte[] marker = leaseMarker(token);
		byte[] present = setIfAbsentGet(redisKey, marker, leaseTtl.toMillis());
		if (present == null) {
			return RemoteLookup.leased(token);
		}
		if (isLease(present)) {
			return RemoteLookup.leasedByAnother();
		}
		RemoteEntry entry = read(redisKey, present);
		return (entry != null) ? RemoteLookup.hit(entry) : RemoteLookup.absent();
	}

	@Override
	public CompletableFuture<@Nullable RemoteEntry> getAsync(String key) {
		byte[] redisKey = this.keyspace.key(key);
		return this.commands.getAsync(redisKey)
			.thenApply((stored) -> (stored != null) ? readWithoutWaiting(redisKey, stored) : null);
	}

	@Override
	public CompletableFuture<RemoteLookup> getOrLeaseAsync(String key, Duration leaseTtl) {
		byte[] redisKey = this.keyspace.key(key);
		String token = newToken();
		byte[] marker = leaseMarker(token);
		long ttlMillis = leaseTtl.toMillis();
		CompletableFuture<byte @Nullable []> present;
		if (this.setGetRefused) {
			present = this.commands.evalValueAsync(GET_OR_LEASE, redisKey, marker,
					Long.toString(ttlMillis).getBytes(StandardCharsets.UTF_8));
		}
		else {
			present = this.commands.setIfAbsentGetAsync(redisKey, marker, ttlMillis).exceptionallyCompose((failure) -> {
				if (!isSyntaxError(failure)) {
					return CompletableFuture.failedFuture(failure);
				}
				this.setGetRefused = true;
				return this.commands.evalValueAsync(GET_OR_LEASE, redisKey, marker,
						Long.toString(ttlMillis).getBytes(StandardCharsets.UTF_8));
			});
		}
		return present.thenApply((stored) -> {
			if (stored == null) {
				return RemoteLookup.leased(token);
			}
			if (isLease(stored)) {
				return RemoteLookup.leasedByAnother();
			}
			RemoteEntry entry = readWithoutWaiting(redisKey, stored);
			return (entry != null) ? RemoteLookup.hit(entry) : RemoteLookup.absent();
		});
	}

	@Override
	public CompletableFuture<Boolean> fillAsync(String key, Object value, Duration ttl, String lease) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			return releaseLeaseAsync(redisKey, lease);
		}
		byte[] ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8);
		return this.commands.evalIntegerAsync(FILL, redisKey, entry, ttlMillis, leaseMarker(lease))
			.thenApply((written) -> written == 1);
	}

	@Override
	public CompletableFuture<@Nullable Void> releaseAsync(String key, String lease) {
		return releaseLeaseAsync(this.keyspace.key(key), lease).thenApply((released) -> null);
	}

	private CompletableFuture<Boolean> releaseLeaseAsync(byte[] redisKey, String lease) {
		return this.commands.evalIntegerAsync(RELEASE, redisKey, leaseMarker(lease))
			.thenApply((released) -> released == 1);
	}

	private byte @Nullable [] setIfAbsentGet(byte[] redisKey, byte[] value, long ttlMillis) {
		if (!this.setGetRefused) {
			try {
				return this.commands.setIfAbsentGet(redisKey, value, ttlMillis);
			}
			catch (RuntimeException ex) {
				if (!isSyntaxError(ex)) {
					throw ex;
				}
				this.setGetRefused = true;
			}
		}
		return this.commands.evalValue(GET_OR_LEASE, redisKey, value,
				Long.toString(ttlMillis).getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isSyntaxError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.contains("syntax error")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean fill(String key, Object value, Duration ttl, String lease) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			// Nothing to write, but the caller may keep the value in L1 if nothing
			// invalidated the key while it loaded
			return releaseLease(redisKey, lease);
		}
		byte[] ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8);
		return this.commands.evalInteger(FILL, redisKey, entry, ttlMillis, leaseMarker(lease)) == 1;
	}

	@Override
	public boolean replace(String key, Object value, Duration ttl, RemoteEntry expected) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			return false;
		}
		byte[] ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8);
		byte[] times = EntryFormat.times(expected);
		return this.commands.evalInteger(REPLACE, redisKey, entry, ttlMillis, times) == 1;
	}

	@Override
	public void release(String key, String lease) {
		releaseLease(this.keyspace.key(key), lease);
	}

	private boolean releaseLease(byte[] redisKey, String lease) {
		return this.commands.evalInteger(RELEASE, redisKey, leaseMarker(lease)) == 1;
	}

	@Override
	public boolean evict(String key) {
		return this.commands.unlink(this.keyspace.key(key)) > 0;
	}

	/**
	 * Unlinks the keys in batches of {@value RemoteTier#BULK_BATCH_SIZE} (split per slot
	 * on a cluster).
	 */
	@Override
	public void evictAll(Collection<String> keys) {
		List<byte[]> batch = new ArrayList<>(Math.min(keys.size(), BULK_BATCH_SIZE));
		for (String key : keys) {
			batch.add(this.keyspace.key(key));
			if (batch.size() == BULK_BATCH_SIZE) {
				this.commands.unlink(batch.toArray(byte[][]::new));
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			this.commands.unlink(batch.toArray(byte[][]::new));
		}
	}

	@Override
	public long evictMatching(String pattern) {
		return this.commands.unlinkMatching(this.keyspace.keysMatching(pattern), this.clearBatchSize);
	}

	private @Nullable RemoteEntry read(byte[] redisKey, byte[] stored) {
		RemoteEntry entry = decode(stored);
		if (entry == null && !isLease(stored)) {
			this.commands.unlink(redisKey);
		}
		return entry;
	}

	/**
	 * Reads a stored value as {@link #read} does, removing an unreadable one without
	 * waiting for Redis to confirm it.
	 */
	private @Nullable RemoteEntry readWithoutWaiting(byte[] redisKey, byte[] stored) {
		RemoteEntry entry = decode(stored);
		if (entry == null && !isLease(stored)) {
			this.commands.unlinkAsync(redisKey);
		}
		return entry;
	}

	/**
	 * Decodes a stored value; {@code null} for a lease or a value that cannot be read
	 * (counted and logged).
	 */
	private @Nullable RemoteEntry decode(byte[] stored) {
		if (isLease(stored)) {
			return null;
		}
		try {
			return this.format.read(stored);
		}
		catch (RuntimeException ex) {
			this.statistics.recordL2UnreadableValue();
			warnings.warn("Cache '" + this.spec.name() + "' found a value in Redis it cannot read; treating it as "
					+ "a miss and removing it", ex);
			return null;
		}
	}

	private byte @Nullable [] write(Object value, Duration ttl) {
		long now = this.clock.millis();
		byte[] entry;
		long compressFrom = this.spec.l2Compression() ? this.spec.l2CompressionThreshold() : EntryFormat.NEVER;
		try {
			EntryFormat.Written written = this.format.write(value, now, now + ttl.toMillis(), compressFrom);
			entry = written.bytes();
			if (written.bytesSaved() > 0) {
				this.statistics.recordL2CompressedValue(written.bytesSaved());
			}
		}
		catch (RuntimeException ex) {
			this.statistics.recordL2UnwritableValue();
			warnings.warn("Cache '" + this.spec.name() + "' cannot write a " + value.getClass().getName()
					+ " to Redis; " + notWritten(), ex);
			return null;
		}
		if (entry.length > this.spec.l2MaxValueSize()) {
			this.statistics.recordL2OversizedValue();
			warnings.warn("Cache '" + this.spec.name() + "' did not write a " + entry.length + "-byte "
					+ value.getClass().getName() + " to Redis" + (this.spec.l2Compression() ? " (compressed)" : "")
					+ ": it exceeds l2.max-value-size (" + this.spec.l2MaxValueSize() + " bytes); " + notWritten(),
					null);
			return null;
		}
		return entry;
	}

	/**
	 * What happens to a value Redis did not get: an L2-only cache does not keep it at
	 * all.
	 */
	private String notWritten() {
		return this.spec.l1Enabled() ? "keeping it in L1 only" : "not caching it (the cache has no L1)";
	}

	private static boolean isLease(byte[] stored) {
		return stored.length >= LEASE_MARKER.length
				&& Arrays.equals(stored, 0, LEASE_MARKER.length, LEASE_MARKER, 0, LEASE_MARKER.length);
	}

	private static byte[] leaseMarker(String token) {
		return ("~lease:" + token).getBytes(StandardCharsets.UTF_8);
	}

	private static String newToken() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
	}

	@Override
	public String toString() {
		return "RedisTier[" + this.keyspace.namespace() + "*]";
	}

}

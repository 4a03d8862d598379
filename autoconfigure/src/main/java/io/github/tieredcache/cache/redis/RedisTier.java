package io.github.tieredcache.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.CacheStatistics;
import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.cache.RemoteTier;
import io.github.tieredcache.cache.ThrottledLogger;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The shared tier of one cache on Redis. Every command is synchronous: a write has been
 * acknowledged by Redis when the method returns. {@link #evictMatching(String)} and
 * {@link #clear()} walk the cache's keys with {@code SCAN} and remove them with
 * {@code UNLINK} in batches, so clearing a large cache never blocks Redis for other
 * clients the way {@code KEYS} or a single huge {@code DEL} would.
 *
 * <p>
 * A fill lease is stored in the entry's own key as {@code ~lease:} and a random token (an
 * entry always starts with its format version byte, so the two cannot be confused).
 * Keeping lease and value in one key makes every lease operation a single-key command or
 * script, which Redis Cluster runs on one node.
 *
 * <p>
 * Thread-safe: each call borrows a connection from the application's
 * {@link RedisConnectionFactory}.
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

	private static final byte[] LEASE_MARKER = "~lease:".getBytes(StandardCharsets.UTF_8);

	private final CacheSpec spec;

	private final RedisConnectionFactory connectionFactory;

	private final EntryReader reader;

	private final RedisKeyspace keyspace;

	private final EntryFormat format;

	private final CacheStatistics statistics;

	private final Clock clock;

	private final int clearBatchSize;

	RedisTier(CacheSpec spec, RedisConnectionFactory connectionFactory, EntryReader reader, RedisKeyspace keyspace,
			EntryFormat format, CacheStatistics statistics, Clock clock, int clearBatchSize) {
		this.spec = spec;
		this.connectionFactory = connectionFactory;
		this.reader = reader;
		this.keyspace = keyspace;
		this.format = format;
		this.statistics = statistics;
		this.clock = clock;
		this.clearBatchSize = clearBatchSize;
	}

	@Override
	public @Nullable RemoteEntry get(String key) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] stored = this.reader.read(redisKey);
		return (stored != null) ? read(redisKey, stored) : null;
	}

	@Override
	public void put(String key, Object value, Duration ttl) {
		byte[] redisKey = this.keyspace.key(key);
		byte[] entry = write(value, ttl);
		if (entry == null) {
			execute((connection) -> connection.keyCommands().unlink(redisKey));
			return;
		}
		execute((connection) -> connection.stringCommands()
			.set(redisKey, entry, SetCondition.upsert(), Expiration.milliseconds(ttl.toMillis())));
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
			byte[] present = execute((connection) -> connection.scriptingCommands()
				.eval(PUT_IF_ABSENT, ReturnType.VALUE, 1, redisKey, entry, ttlMillis));
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
		Boolean taken = execute((connection) -> connection.stringCommands()
			.set(redisKey, leaseMarker(token), SetCondition.ifAbsent(), Expiration.milliseconds(ttl.toMillis())));
		return Boolean.TRUE.equals(taken) ? token : null;
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
		Long written = execute((connection) -> connection.scriptingCommands()
			.eval(FILL, ReturnType.INTEGER, 1, redisKey, entry, ttlMillis, leaseMarker(lease)));
		return written != null && written == 1;
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
		Long written = execute((connection) -> connection.scriptingCommands()
			.eval(REPLACE, ReturnType.INTEGER, 1, redisKey, entry, ttlMillis, times));
		return written != null && written == 1;
	}

	@Override
	public void release(String key, String lease) {
		releaseLease(this.keyspace.key(key), lease);
	}

	private boolean releaseLease(byte[] redisKey, String lease) {
		Long released = execute((connection) -> connection.scriptingCommands()
			.eval(RELEASE, ReturnType.INTEGER, 1, redisKey, leaseMarker(lease)));
		return released != null && released == 1;
	}

	@Override
	public boolean evict(String key) {
		byte[] redisKey = this.keyspace.key(key);
		Long removed = execute((connection) -> connection.keyCommands().unlink(redisKey));
		return removed != null && removed > 0;
	}

	@Override
	public long evictMatching(String pattern) {
		ScanOptions options = ScanOptions.scanOptions()
			.match(this.keyspace.keysMatching(pattern))
			.count(this.clearBatchSize)
			.build();
		long removed = execute((connection) -> {
			if (connection instanceof RedisClusterConnection cluster) {
				long total = 0;
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						total += unlinkAll(connection, cluster.scan(node, options));
					}
				}
				return total;
			}
			return unlinkAll(connection, connection.keyCommands().scan(options));
		});
		return removed;
	}

	private long unlinkAll(RedisConnection connection, Cursor<byte[]> keys) {
		long removed = 0;
		try (keys) {
			List<byte[]> batch = new ArrayList<>(this.clearBatchSize);
			while (keys.hasNext()) {
				batch.add(keys.next());
				if (batch.size() == this.clearBatchSize) {
					removed += unlink(connection, batch);
					batch.clear();
				}
			}
			removed += unlink(connection, batch);
		}
		return removed;
	}

	private static long unlink(RedisConnection connection, List<byte[]> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		Long removed = connection.keyCommands().unlink(batch.toArray(byte[][]::new));
		return (removed != null) ? removed : 0;
	}

	private @Nullable RemoteEntry read(byte[] redisKey, byte[] stored) {
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
			execute((connection) -> connection.keyCommands().unlink(redisKey));
			return null;
		}
	}

	private byte @Nullable [] write(Object value, Duration ttl) {
		long now = this.clock.millis();
		byte[] entry;
		try {
			entry = this.format.write(value, now, now + ttl.toMillis());
		}
		catch (RuntimeException ex) {
			this.statistics.recordL2UnwritableValue();
			warnings.warn("Cache '" + this.spec.name() + "' cannot write a " + value.getClass().getName()
					+ " to Redis; keeping it in L1 only", ex);
			return null;
		}
		if (entry.length > this.spec.l2MaxValueSize()) {
			this.statistics.recordL2OversizedValue();
			warnings.warn("Cache '" + this.spec.name() + "' did not write a " + entry.length + "-byte "
					+ value.getClass().getName() + " to Redis: it exceeds l2.max-value-size ("
					+ this.spec.l2MaxValueSize() + " bytes); keeping it in L1 only", null);
			return null;
		}
		return entry;
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

	private <T> T execute(Function<RedisConnection, T> action) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return action.apply(connection);
		}
	}

	@Override
	public String toString() {
		return "RedisTier[" + this.keyspace.namespace() + "*]";
	}

}

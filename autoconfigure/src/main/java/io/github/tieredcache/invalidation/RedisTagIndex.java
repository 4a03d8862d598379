package io.github.tieredcache.invalidation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.tieredcache.cache.redis.BoundedRedisCommands;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@link TagIndex} in Redis, shared by every instance: one set per tag,
 * {@code {key-prefix}:~tag:{tag}}, whose members are {@code {cache}} and the encoded key
 * separated by a NUL character. Each set expires with the longest-lived entry added to
 * it. A tag invalidation reads and deletes the set in one script, so members added
 * concurrently are either removed with it or kept for the next one. Thread-safe.
 */
public final class RedisTagIndex implements TagIndex {

	private static final byte[] ADD = """
			redis.call('SADD', KEYS[1], ARGV[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 1
			""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] TAKE = """
			local members = redis.call('SMEMBERS', KEYS[1])
			redis.call('DEL', KEYS[1])
			return members
			""".getBytes(StandardCharsets.UTF_8);

	private final BoundedRedisCommands commands;

	private final String keyPrefix;

	/**
	 * Creates an index under the given key prefix whose commands wait at most 250 ms.
	 * @param connectionFactory the application's connection factory
	 * @param keyPrefix the cache key prefix
	 */
	public RedisTagIndex(RedisConnectionFactory connectionFactory, String keyPrefix) {
		this(connectionFactory, keyPrefix, Duration.ofMillis(250));
	}

	/**
	 * Creates an index under the given key prefix.
	 * @param connectionFactory the application's connection factory
	 * @param keyPrefix the cache key prefix
	 * @param timeout the longest one Redis command may take (on the shared Lettuce
	 * connection; otherwise the factory's own timeout applies)
	 */
	public RedisTagIndex(RedisConnectionFactory connectionFactory, String keyPrefix, Duration timeout) {
		this.commands = BoundedRedisCommands.forFactory(connectionFactory, timeout);
		this.keyPrefix = keyPrefix;
	}

	@Override
	public void tag(String cacheName, String encodedKey, Collection<String> tags, Duration ttl) {
		byte[] member = (cacheName + '\0' + encodedKey).getBytes(StandardCharsets.UTF_8);
		byte[] lifetime = Long.toString(Math.max(1, ttl.toMillis())).getBytes(StandardCharsets.UTF_8);
		for (String tag : tags) {
			this.commands.evalInteger(ADD, key(tag), member, lifetime);
		}
	}

	@Override
	public Collection<TaggedKey> remove(String tag) {
		List<byte[]> members = this.commands.evalList(TAKE, key(tag));
		List<TaggedKey> keys = new ArrayList<>(members.size());
		for (byte[] member : members) {
			String text = new String(member, StandardCharsets.UTF_8);
			int separator = text.indexOf('\0');
			if (separator > 0) {
				keys.add(new TaggedKey(text.substring(0, separator), text.substring(separator + 1)));
			}
		}
		return keys;
	}

	private byte[] key(String tag) {
		return (this.keyPrefix + ":~tag:" + tag).getBytes(StandardCharsets.UTF_8);
	}

}

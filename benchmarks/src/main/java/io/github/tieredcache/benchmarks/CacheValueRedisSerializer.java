package io.github.tieredcache.benchmarks;

import io.github.tieredcache.serialization.CacheValueSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Lets Spring Data Redis's own cache store values with the library's codec, so that a
 * comparison with it measures the cache machinery rather than two different codecs.
 */
final class CacheValueRedisSerializer implements RedisSerializer<Object> {

	private final CacheValueSerializer codec;

	CacheValueRedisSerializer(CacheValueSerializer codec) {
		this.codec = codec;
	}

	@Override
	public byte @Nullable [] serialize(@Nullable Object value) {
		return (value != null) ? this.codec.serialize(value) : null;
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) {
		return (bytes != null) ? this.codec.deserialize(bytes) : null;
	}

}

package io.github.tieredcache.serialization;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.github.tieredcache.cache.CacheThreads;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CacheValueSerializer} writing JSON with Jackson 3; see
 * {@link CacheValueSerializer#json}.
 * <p>
 * The mapper, reader and writer are built once; Jackson caches (de)serializers per type,
 * so after the first value of a type the cost is the JSON itself. Building them takes
 * tens of milliseconds in a JVM that is starting, so it runs on a thread of its own from
 * construction on, beside the rest of the application's start-up; the first value written
 * or read waits for it. As a bean it waits for it once all singletons exist, so that a
 * mapper that cannot be built (a Jackson older than the one it was built against) still
 * fails the application's start-up. Thread-safe.
 */
final class JsonCacheValueSerializer implements CacheValueSerializer, SmartInitializingSingleton {

	private final TypeAllowList allowList;

	private static final Executor BUILDER = (
			task) -> CacheThreads.named("tiered-cache-json-mapper").newThread(task).start();

	private final CompletableFuture<Codec> building;

	private volatile @Nullable Codec codec;

	JsonCacheValueSerializer(TypeAllowList allowList) {
		this.allowList = allowList;
		this.building = CompletableFuture.supplyAsync(() -> Codec.of(CacheValueJsonMapper.create(allowList)), BUILDER);
	}

	@Override
	public void afterSingletonsInstantiated() {
		codec();
	}

	private Codec codec() {
		Codec built = this.codec;
		if (built == null) {
			try {
				built = this.building.join();
			}
			catch (CompletionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw ex;
			}
			this.codec = built;
		}
		return built;
	}

	@Override
	public byte[] serialize(Object value) {
		ObjectWriter writer = codec().writer();
		try {
			return writer.writeValueAsBytes(value);
		}
		catch (RuntimeException ex) {
			throw JsonFailures.onWrite(value, ex);
		}
	}

	@Override
	public Object deserialize(byte[] bytes) {
		ObjectReader reader = codec().reader();
		Object value;
		try {
			value = reader.readValue(bytes);
		}
		catch (RuntimeException ex) {
			throw JsonFailures.onRead(ex, this.allowList);
		}
		if (value == null) {
			throw new CacheValueSerializationException(
					"Cannot read cached value: the stored JSON is null, which this serializer never writes");
		}
		return value;
	}

	@Override
	public String toString() {
		return "JSON cache value serializer (" + this.allowList + ")";
	}

	private record Codec(ObjectWriter writer, ObjectReader reader) {

		static Codec of(JsonMapper mapper) {
			return new Codec(mapper.writerFor(Object.class), mapper.readerFor(Object.class));
		}

	}

}

package io.github.tieredcache.serialization;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CacheValueSerializer} writing JSON with Jackson 3; see
 * {@link CacheValueSerializer#json}.
 * <p>
 * The mapper, reader and writer are built once; Jackson caches (de)serializers per type,
 * so after the first value of a type the cost is the JSON itself. Thread-safe.
 */
final class JsonCacheValueSerializer implements CacheValueSerializer {

	private final TypeAllowList allowList;

	private final ObjectWriter writer;

	private final ObjectReader reader;

	JsonCacheValueSerializer(TypeAllowList allowList) {
		JsonMapper mapper = CacheValueJsonMapper.create(allowList);
		this.allowList = allowList;
		this.writer = mapper.writerFor(Object.class);
		this.reader = mapper.readerFor(Object.class);
	}

	@Override
	public byte[] serialize(Object value) {
		try {
			return this.writer.writeValueAsBytes(value);
		}
		catch (RuntimeException ex) {
			throw JsonFailures.onWrite(value, ex);
		}
	}

	@Override
	public Object deserialize(byte[] bytes) {
		Object value;
		try {
			value = this.reader.readValue(bytes);
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

}

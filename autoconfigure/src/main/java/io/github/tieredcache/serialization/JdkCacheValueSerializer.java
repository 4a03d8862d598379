package io.github.tieredcache.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.util.Collection;
import java.util.Map;

/**
 * {@link CacheValueSerializer} using Java serialization behind the allow-list; see
 * {@link CacheValueSerializer#jdk}.
 * <p>
 * Thread-safe: each call uses its own streams.
 */
final class JdkCacheValueSerializer implements CacheValueSerializer {

	private static final String USE_JSON = "implement java.io.Serializable or use tiered-cache.serialization.format=json";

	private final TypeAllowList allowList;

	private final JdkAllowList jdkAllowList;

	private final PortableTypes portableTypes;

	JdkCacheValueSerializer(TypeAllowList allowList) {
		this.allowList = allowList;
		this.jdkAllowList = new JdkAllowList(allowList);
		this.portableTypes = new PortableTypes(allowList);
	}

	@Override
	public byte[] serialize(Object value) {
		String prefix = "Cannot write " + value.getClass().getName() + " with Java serialization: ";
		boolean replacedOnWrite = value instanceof Collection<?> || value instanceof Map<?, ?>;
		if (!(value instanceof Serializable) && !replacedOnWrite) {
			throw new CacheValueSerializationException(prefix + "it is not Serializable; " + USE_JSON);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (ObjectOutputStream out = new PortableObjectOutputStream(bytes, this.jdkAllowList, this.portableTypes)) {
			out.writeObject(value);
		}
		catch (NotSerializableException ex) {
			throw new CacheValueSerializationException(
					prefix + "it holds a " + ex.getMessage() + ", which is not Serializable; " + USE_JSON);
		}
		catch (CacheValueSerializationException ex) {
			throw new CacheValueSerializationException(prefix + ex.getMessage(), ex.getCause());
		}
		catch (IOException | RuntimeException ex) {
			throw new CacheValueSerializationException(prefix + ex.getClass().getName(), ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public Object deserialize(byte[] bytes) {
		String prefix = "Cannot read cached value with Java serialization: ";
		AllowListObjectInputStream in = null;
		Object value;
		try {
			in = new AllowListObjectInputStream(new ByteArrayInputStream(bytes), this.jdkAllowList);
			value = in.readObject();
		}
		catch (InvalidClassException ex) {
			String rejection = (in != null) ? in.rejection() : null;
			throw new CacheValueSerializationException(prefix + ((rejection != null) ? rejection : ex.getMessage()));
		}
		catch (ClassNotFoundException ex) {
			throw new CacheValueSerializationException(prefix + "type " + ex.getMessage()
					+ " named in the stored bytes does not exist; the value was probably written by another "
					+ "version of the application");
		}
		catch (StreamCorruptedException | EOFException ex) {
			throw new CacheValueSerializationException(prefix + "the stored bytes are not a Java serialization stream ("
					+ ex.getClass().getSimpleName() + ")");
		}
		catch (IOException | RuntimeException ex) {
			String rejection = (in != null) ? in.rejection() : null;
			throw new CacheValueSerializationException(
					prefix + ((rejection != null) ? rejection : ex.getClass().getName() + " while building the value"));
		}
		if (value == null) {
			throw new CacheValueSerializationException(
					prefix + "the stored value is null, which this serializer never writes");
		}
		return value;
	}

	@Override
	public String toString() {
		return "Java serialization cache value serializer (" + this.allowList + ")";
	}

}

package io.github.tieredcache.serialization;

import org.springframework.util.ClassUtils;

/**
 * Turns cache values into bytes for the shared tier, and those bytes back into values.
 * <p>
 * Serializers only ever see non-null values: the caller stores {@code null} (Spring's
 * {@code NullValue}) and the entry's expiry itself. Obtain one from {@link #json} (the
 * default) or {@link #jdk}, or from {@link SerializationFormat#create}.
 * <p>
 * Implementations are thread-safe and meant to be shared by every cache of an
 * application. Hazards worth knowing:
 * <ul>
 * <li>Bytes in Redis outlive the code that wrote them: a renamed class, a removed enum
 * constant or a changed field type makes older entries unreadable. That is reported as a
 * {@link CacheValueSerializationException}, which the caller treats as a miss.</li>
 * <li>Anything that can write to Redis can offer bytes to {@link #deserialize}. Both
 * formats therefore refuse every class the {@link TypeAllowList} does not permit; keep
 * that list to the packages of the types you actually cache.</li>
 * <li>Persistent entities are serialized as they are, associations included: an
 * association that was never loaded cannot be written, so fetch it or cache a DTO.</li>
 * </ul>
 */
public interface CacheValueSerializer {

	/**
	 * Turn a value into bytes.
	 * @param value the value, never {@code null}
	 * @return the bytes, never empty
	 * @throws CacheValueSerializationException if the value cannot be written, or could
	 * not be read back (for instance, its type is not in the allow-list)
	 */
	byte[] serialize(Object value);

	/**
	 * Turn bytes written by {@link #serialize} back into a value.
	 * @param bytes the bytes
	 * @return the value, never {@code null}
	 * @throws CacheValueSerializationException if the bytes are not a value this
	 * serializer can read, or name a class that is missing or not in the allow-list
	 */
	Object deserialize(byte[] bytes);

	/**
	 * Return a serializer that writes JSON with Jackson 3: each object's state (its
	 * non-{@code transient} fields, never its getters, with the application's Jackson
	 * annotations ignored, and object identity kept so that cycles and shared references
	 * come back), recording the class of polymorphic values so that they come back as the
	 * type they were (a {@code Long} stays a {@code Long}). A value that could not come
	 * back as it is (a lambda, a class outside the allow-list, a sorted set with a
	 * comparator...) fails to serialize. On read, a class the allow-list does not permit
	 * is refused before it is loaded. Java serialization is never used. Requires
	 * {@code tools.jackson.core:jackson-databind} on the class path.
	 * @param allowList the classes that may be instantiated on read
	 * @return the serializer
	 * @throws IllegalStateException if Jackson 3 is not on the class path
	 */
	static CacheValueSerializer json(TypeAllowList allowList) {
		if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
				CacheValueSerializer.class.getClassLoader())) {
			throw new IllegalStateException("The JSON cache value format needs Jackson 3 "
					+ "(tools.jackson.core:jackson-databind) on the class path; add spring-boot-starter-jackson, "
					+ "or set tiered-cache.serialization.format=jdk");
		}
		return new JsonCacheValueSerializer(allowList);
	}

	/**
	 * Return a serializer that uses Java serialization, for values that are
	 * {@link java.io.Serializable} and have no JSON form. Reading goes through an
	 * {@link java.io.ObjectInputFilter} that rejects every class the allow-list does not
	 * permit and bounds depth, references and array lengths, so this opt-in format does
	 * not open an arbitrary-deserialization hole. Entries are larger and slower to read
	 * than JSON, and break on any incompatible class change.
	 * @param allowList the classes that may be instantiated on read
	 * @return the serializer
	 */
	static CacheValueSerializer jdk(TypeAllowList allowList) {
		return new JdkCacheValueSerializer(allowList);
	}

}

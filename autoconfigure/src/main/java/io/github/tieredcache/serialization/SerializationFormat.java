package io.github.tieredcache.serialization;

/**
 * The format of values in the shared tier, as bound from
 * {@code tiered-cache.serialization.format}.
 */
public enum SerializationFormat {

	/**
	 * JSON written by Jackson 3, with the class of polymorphic values recorded and
	 * checked against the allow-list on read. The default.
	 * @see CacheValueSerializer#json(TypeAllowList)
	 */
	JSON {

		@Override
		public CacheValueSerializer create(TypeAllowList allowList) {
			return CacheValueSerializer.json(allowList);
		}

	},

	/**
	 * Java serialization behind an allow-list filter, for {@link java.io.Serializable}
	 * values that have no JSON form.
	 * @see CacheValueSerializer#jdk(TypeAllowList)
	 */
	JDK {

		@Override
		public CacheValueSerializer create(TypeAllowList allowList) {
			return CacheValueSerializer.jdk(allowList);
		}

	};

	/**
	 * Create a serializer of this format.
	 * @param allowList the classes that may be instantiated on read
	 * @return the serializer
	 */
	public abstract CacheValueSerializer create(TypeAllowList allowList);

}

package io.github.tieredcache.serialization;

import java.lang.reflect.Modifier;
import java.util.Optional;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;

/**
 * The adjustments that make Jackson's output fit for a cache: persistent collections and
 * proxies are written only if loaded ({@link LoadedCollectionSerializer},
 * {@link ProxyTargetSerializer}), and {@code Optional} keeps its type where declared as
 * {@code Object} ({@link OptionalTypeIdSerializer}, {@link OptionalTypeIdDeserializer}).
 * <p>
 * Thread-safe.
 */
final class CacheValueJsonModule extends JacksonModule {

	@Override
	public String getModuleName() {
		return "tiered-cache-values";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addSerializerModifier(new SerializerModifier());
		context.addDeserializerModifier(new DeserializerModifier());
	}

	private static final class SerializerModifier extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier beanDesc,
				ValueSerializer<?> serializer) {
			Class<?> type = beanDesc.getBeanClass();
			if (type == Optional.class) {
				return new OptionalTypeIdSerializer(serializer);
			}
			if (LazyAssociations.isProxyType(type)) {
				return new ProxyTargetSerializer(type);
			}
			return serializer;
		}

		@Override
		public ValueSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType valueType,
				BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
			return guardIfLazy(valueType.getRawClass(), serializer);
		}

		@Override
		public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType valueType,
				BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
			return guardIfLazy(valueType.getRawClass(), serializer);
		}

		/**
		 * Jackson serializes every value of a property declared as a collection or map
		 * interface with the serializer built for the declared type, so the guard goes on
		 * any type that can hold a persistent collection, and checks the value.
		 */
		private static ValueSerializer<?> guardIfLazy(Class<?> type, ValueSerializer<?> serializer) {
			boolean mayHoldPersistentCollection = type.isInterface() || Modifier.isAbstract(type.getModifiers())
					|| LazyAssociations.isLazyCollectionType(type);
			return mayHoldPersistentCollection ? new LoadedCollectionSerializer(serializer) : serializer;
		}

	}

	private static final class DeserializerModifier extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
				BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
			return type.hasRawClass(Optional.class) ? new OptionalTypeIdDeserializer(deserializer) : deserializer;
		}

	}

}

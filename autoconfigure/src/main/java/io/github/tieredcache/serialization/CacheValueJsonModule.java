package io.github.tieredcache.serialization;

import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.SortedSet;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.jdk.MapDeserializer;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.impl.UnknownSerializer;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;

/**
 * The adjustments that make Jackson's output fit for a cache: objects whose fields cannot
 * be stored faithfully are refused ({@link StorableClasses},
 * {@link UnstorableValueSerializer}), objects shared or in cycles keep their identity
 * ({@link SharedReferenceSerializer}), collections and maps are written only if they can
 * come back as they are ({@link StorableCollectionSerializer}), maps with keys of other
 * types than their declared key type as entries ({@link MapEntriesJson}), proxies only if
 * loaded ({@link ProxyTargetSerializer}), {@code Optional} keeps its type where declared
 * as {@code Object} ({@link OptionalTypeIdSerializer},
 * {@link OptionalTypeIdDeserializer}), and objects are created by
 * {@link StateInstantiators}, for allow-listed classes only.
 * <p>
 * Thread-safe.
 */
final class CacheValueJsonModule extends JacksonModule {

	private final TypeAllowList allowList;

	CacheValueJsonModule(TypeAllowList allowList) {
		this.allowList = allowList;
	}

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
		context.addSerializerModifier(new SerializerModifier(new StorableClasses(this.allowList)));
		context.addDeserializerModifier(new DeserializerModifier(this.allowList));
		context.addValueInstantiators(new StateInstantiators());
	}

	private static final class SerializerModifier extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		private final transient StorableClasses storableClasses;

		SerializerModifier(StorableClasses storableClasses) {
			this.storableClasses = storableClasses;
		}

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
			if (!(serializer instanceof BeanSerializerBase) && !(serializer instanceof UnknownSerializer)) {
				return serializer;
			}
			String problem = this.storableClasses.problem(type);
			if (problem != null) {
				return new UnstorableValueSerializer(type, problem);
			}
			return StateIntrospector.hasIdentity(type) ? new SharedReferenceSerializer(serializer) : serializer;
		}

		@Override
		public ValueSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType valueType,
				BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
			return guardIfNeeded(valueType, serializer);
		}

		@Override
		public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType valueType,
				BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
			return guardIfNeeded(valueType, serializer);
		}

		/**
		 * Jackson serializes every value of a property declared as a collection or map
		 * interface with the serializer built for the declared type, so the guard goes on
		 * any type that can hold a persistent or sorted collection, and on every map, and
		 * checks the value.
		 */
		private static ValueSerializer<?> guardIfNeeded(JavaType valueType, ValueSerializer<?> serializer) {
			Class<?> type = valueType.getRawClass();
			boolean needsGuard = valueType.isMapLikeType() || type.isInterface()
					|| Modifier.isAbstract(type.getModifiers()) || SortedSet.class.isAssignableFrom(type)
					|| LazyAssociations.isLazyCollectionType(type);
			return needsGuard ? new StorableCollectionSerializer(serializer, valueType) : serializer;
		}

	}

	private static final class DeserializerModifier extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		private final transient TypeAllowList allowList;

		DeserializerModifier(TypeAllowList allowList) {
			this.allowList = allowList;
		}

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier beanDesc,
				ValueDeserializer<?> deserializer) {
			Class<?> type = beanDesc.getBeanClass();
			if (deserializer instanceof BeanDeserializerBase && !this.allowList.permits(type)) {
				return new RefusedTypeDeserializer(type);
			}
			return deserializer;
		}

		@Override
		public ValueDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
				BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
			return type.hasRawClass(Optional.class) ? new OptionalTypeIdDeserializer(deserializer) : deserializer;
		}

		@Override
		public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
				BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
			return (deserializer instanceof MapDeserializer) ? new MapEntriesJson.Deserializer(deserializer, type)
					: deserializer;
		}

	}

}

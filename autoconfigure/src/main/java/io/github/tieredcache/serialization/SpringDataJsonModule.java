package io.github.tieredcache.serialization;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * Compact, stable JSON for the Spring Data types that repositories return and
 * applications cache: {@code PageImpl}, {@code SliceImpl}, {@code Pageable} and
 * {@code Sort}. See {@link ChunkJson}, {@link PageableJson} and {@link SortJson} for the
 * shapes.
 * <p>
 * Only registered when Spring Data Commons is on the class path. Thread-safe.
 */
final class SpringDataJsonModule extends JacksonModule {

	@Override
	public String getModuleName() {
		return "tiered-cache-spring-data";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		SimpleSerializers serializers = new SimpleSerializers();
		serializers.addSerializer(new ChunkJson.Serializer(PageImpl.class));
		serializers.addSerializer(new ChunkJson.Serializer(SliceImpl.class));
		serializers.addSerializer(Pageable.class, new PageableJson.Serializer());
		serializers.addSerializer(Sort.class, new SortJson.Serializer());
		context.addSerializers(serializers);
		context.addDeserializers(new SpringDataDeserializers());
	}

	/**
	 * Finds the deserializers by type; any {@code Pageable} class, including Spring
	 * Data's package-private unpaged one, is read by {@link PageableJson}.
	 */
	private static final class SpringDataDeserializers extends Deserializers.Base {

		@Override
		public @Nullable ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
				BeanDescription.Supplier beanDescRef) {
			Class<?> raw = type.getRawClass();
			if (raw == PageImpl.class || raw == SliceImpl.class) {
				return new ChunkJson.Deserializer(raw);
			}
			if (Pageable.class.isAssignableFrom(raw)) {
				return new PageableJson.Deserializer();
			}
			if (raw == Sort.class) {
				return new SortJson.Deserializer();
			}
			return null;
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
			return valueType == PageImpl.class || valueType == SliceImpl.class || valueType == Sort.class
					|| Pageable.class.isAssignableFrom(valueType);
		}

	}

}

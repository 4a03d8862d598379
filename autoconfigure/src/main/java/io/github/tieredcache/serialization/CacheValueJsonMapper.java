package io.github.tieredcache.serialization;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.springframework.util.ClassUtils;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link JsonMapper} behind {@link CacheValueSerializer#json}, which stores an
 * object's state rather than its API view: every instance field that is not
 * {@code transient}, found directly, never through getters, setters or constructors other
 * than a no-argument one ({@link StateInstantiators}), superclass fields hidden by a
 * subclass field of the same name included ({@link StateClassIntrospector}), and with the
 * application's own Jackson annotations ignored ({@link StateIntrospector}), since those
 * describe the application's REST API, not what a cache must hand back.
 * <p>
 * Also: default typing through {@link CacheTypeResolverBuilder}, the allow-list as the
 * polymorphic type validator, {@link CacheValueJsonModule}, and
 * {@link SpringDataJsonModule} when Spring Data is present. Date-times keep their offset
 * and zone id, so that they come back equal; unknown properties are ignored, so that a
 * field removed from a class does not make older entries unreadable.
 */
final class CacheValueJsonMapper {

	private static final String SPRING_DATA_PAGE = "org.springframework.data.domain.PageImpl";

	private CacheValueJsonMapper() {
	}

	static JsonMapper create(TypeAllowList allowList) {
		AllowListTypeValidator validator = new AllowListTypeValidator(allowList);
		JsonMapper.Builder builder = JsonMapper.builder()
			.annotationIntrospector(new StateIntrospector())
			.classIntrospector(new StateClassIntrospector())
			.changeDefaultVisibility((visibility) -> visibility.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
				.withVisibility(PropertyAccessor.FIELD, Visibility.ANY))
			.disable(MapperFeature.DETECT_PARAMETER_NAMES)
			.disable(MapperFeature.INFER_PROPERTY_MUTATORS)
			.enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
			.polymorphicTypeValidator(validator)
			.setDefaultTyping(new CacheTypeResolverBuilder(validator, allowList, new PortableTypes(allowList)))
			.addModule(new CacheValueJsonModule(allowList))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
			.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
			.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
		if (ClassUtils.isPresent(SPRING_DATA_PAGE, CacheValueJsonMapper.class.getClassLoader())) {
			builder.addModule(new SpringDataJsonModule());
		}
		return builder.build();
	}

}

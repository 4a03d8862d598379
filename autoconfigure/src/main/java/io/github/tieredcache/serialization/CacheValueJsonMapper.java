package io.github.tieredcache.serialization;

import org.springframework.util.ClassUtils;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link JsonMapper} behind {@link CacheValueSerializer#json}: default typing
 * through {@link CacheTypeResolverBuilder}, the allow-list as the polymorphic type
 * validator (for annotation-driven polymorphism too), {@link CacheValueJsonModule}, and
 * {@link SpringDataJsonModule} when Spring Data is present.
 * <p>
 * Date-times keep their offset and zone id, so that they come back equal; unknown
 * properties are ignored, so that a field removed from a class does not make older
 * entries unreadable.
 */
final class CacheValueJsonMapper {

	private static final String SPRING_DATA_PAGE = "org.springframework.data.domain.PageImpl";

	private CacheValueJsonMapper() {
	}

	static JsonMapper create(TypeAllowList allowList) {
		AllowListTypeValidator validator = new AllowListTypeValidator(allowList);
		JsonMapper.Builder builder = JsonMapper.builder()
			.polymorphicTypeValidator(validator)
			.setDefaultTyping(new CacheTypeResolverBuilder(validator, allowList, new PortableTypes(allowList)))
			.addModule(new CacheValueJsonModule())
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
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

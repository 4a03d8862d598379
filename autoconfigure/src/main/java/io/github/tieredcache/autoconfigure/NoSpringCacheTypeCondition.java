package io.github.tieredcache.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches unless the application chose a cache type with {@code spring.cache.type}: an
 * explicit choice such as {@code none} (common in tests) or {@code redis} is for Spring
 * Boot's own cache auto-configuration, and the tiered cache steps aside for it.
 */
class NoSpringCacheTypeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String type = context.getEnvironment().getProperty("spring.cache.type");
		if (StringUtils.hasText(type)) {
			return ConditionOutcome.noMatch("spring.cache.type is set to '" + type + "'");
		}
		return ConditionOutcome.match("spring.cache.type is not set");
	}

}

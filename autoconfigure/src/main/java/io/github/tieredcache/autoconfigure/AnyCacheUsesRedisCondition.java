package io.github.tieredcache.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some cache may use Redis: {@code tiered-cache.defaults.l2.enabled} (which
 * caches created on demand follow) or any {@code tiered-cache.caches.<name>.l2.enabled}.
 * With every cache in process only, nothing needs the invalidation bus. Properties that
 * do not bind match, so that the cache manager's own binding reports them.
 */
class AnyCacheUsesRedisCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		TieredCacheProperties properties;
		try {
			properties = Binder.get(context.getEnvironment())
				.bind("tiered-cache", TieredCacheProperties.class)
				.orElseGet(TieredCacheProperties::new);
		}
		catch (BindException ex) {
			return ConditionOutcome.match("tiered-cache properties do not bind; assuming caches use Redis");
		}
		if (properties.getDefaults().getL2().isEnabled()) {
			return ConditionOutcome.match("tiered-cache.defaults.l2.enabled is true");
		}
		boolean anyRemote = properties.getCaches()
			.values()
			.stream()
			.anyMatch((cache) -> Boolean.TRUE.equals(cache.getL2().getEnabled()));
		return anyRemote ? ConditionOutcome.match("a cache under tiered-cache.caches has l2.enabled=true")
				: ConditionOutcome.noMatch("every cache has l2.enabled=false");
	}

}

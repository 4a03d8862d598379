package io.github.tieredcache.invalidation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.tieredcache.annotation.InvalidateOn;
import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.expression.EvaluationException;
import org.springframework.util.Assert;

/**
 * The {@link CacheInvalidator} of a tiered cache manager, and the dispatcher of published
 * events to the {@code @InvalidateOn} annotations and rules registered with it.
 *
 * <p>
 * An event's expressions are evaluated when it is published; the invalidations run after
 * the commit of the transaction it was published in (or at once), then after their delay.
 * An expression that fails on an event is logged and its caches are invalidated whole, so
 * a broken expression costs hit ratio, never correctness. Thread-safe.
 */
public final class TieredCacheInvalidator implements CacheInvalidator, AutoCloseable {

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(TieredCacheInvalidator.class),
			Duration.ofSeconds(10));

	private final Supplier<CacheManager> cacheManager;

	private final TagIndex tags;

	private final EventInvalidations registrations = new EventInvalidations();

	private final InvalidationScheduler scheduler = new InvalidationScheduler();

	private final EventInvalidationParser parser;

	/**
	 * Creates an invalidator.
	 * @param cacheManager resolves the cache manager on first use
	 * @param tags the tag index
	 * @param expressions parses the expressions of annotations and rules
	 * @param classLoader loads the event classes rules name
	 */
	public TieredCacheInvalidator(Supplier<CacheManager> cacheManager, TagIndex tags, CacheExpressions expressions,
			@Nullable ClassLoader classLoader) {
		this.cacheManager = cacheManager;
		this.tags = tags;
		this.parser = new EventInvalidationParser(expressions, classLoader);
	}

	@Override
	public void invalidate(String cacheName, Object key) {
		Assert.notNull(key, "key must not be null");
		AfterCommit.run(() -> invalidateNow(cacheName, key));
	}

	@Override
	public void invalidateAll(String cacheName) {
		AfterCommit.run(() -> invalidateAllNow(cacheName));
	}

	@Override
	public void invalidatePattern(String cacheName, String pattern) {
		Assert.hasText(pattern, "pattern must not be empty");
		AfterCommit.run(() -> invalidatePatternNow(cacheName, pattern));
	}

	@Override
	public void invalidateTag(String tag) {
		Assert.hasText(tag, "tag must not be empty");
		AfterCommit.run(() -> invalidateTagNow(tag));
	}

	@Override
	public void publish(String name, Map<String, ?> context) {
		Assert.hasText(name, "name must not be empty");
		Assert.notNull(context, "context must not be null");
		dispatch(this.registrations.forName(name), Collections.unmodifiableMap(new LinkedHashMap<>(context)));
	}

	@Override
	public ScheduledInvalidation schedule(Duration delay, Consumer<CacheInvalidator> invalidation) {
		Assert.isTrue(!delay.isNegative(), () -> "delay must not be negative but was " + delay);
		return this.scheduler.schedule(delay, () -> invalidation.accept(this));
	}

	/**
	 * Applies the registered invalidations matching a published event.
	 * @param event the event (the payload of a {@code PayloadApplicationEvent})
	 */
	public void onEvent(Object event) {
		if (!this.registrations.isEmpty()) {
			dispatch(this.registrations.forType(event.getClass()), event);
		}
	}

	/**
	 * Registers an {@code @InvalidateOn} annotation of a {@code @Cached} method.
	 * @param method the method
	 * @param cacheName the method's cache
	 * @param annotation the annotation
	 * @throws InvalidCacheAnnotationException if the annotation cannot work
	 */
	public void register(Method method, String cacheName, InvalidateOn annotation) {
		this.registrations.add(this.parser.parse(method, cacheName, annotation));
	}

	/**
	 * Registers a configured rule.
	 * @param rule the rule
	 * @throws InvalidCacheAnnotationException naming the property if the rule cannot work
	 */
	public void register(InvalidationRule rule) {
		this.registrations.add(this.parser.parse(rule));
	}

	/**
	 * Checks that every cache the registered annotations and rules name exists.
	 * @param exists whether a cache exists
	 * @throws InvalidCacheAnnotationException naming the first annotation or rule that
	 * names an unknown cache
	 */
	public void checkCaches(Predicate<String> exists) {
		for (EventInvalidation invalidation : this.registrations.all()) {
			List<String> named = new ArrayList<>(invalidation.caches());
			named.addAll(invalidation.cascade());
			for (String cache : named) {
				if (!exists.test(cache)) {
					throw new InvalidCacheAnnotationException(invalidation.source(),
							"cache '" + cache + "' does not exist and caches are not created on demand",
							"Configure it under tiered-cache.caches." + cache
									+ ", correct the name, or set tiered-cache.create-on-demand=true",
							null);
				}
			}
		}
	}

	void invalidateNow(String cacheName, Object key) {
		Cache cache = cache(cacheName);
		if (cache != null) {
			cache.evict(key);
		}
	}

	void invalidateAllNow(String cacheName) {
		Cache cache = cache(cacheName);
		if (cache != null) {
			cache.invalidate();
		}
	}

	void invalidatePatternNow(String cacheName, String pattern) {
		Cache cache = cache(cacheName);
		if (cache instanceof TieredCache tiered) {
			tiered.evictMatching(pattern);
		}
		else if (cache != null) {
			// Only a tiered cache can match patterns: clearing is the safe superset
			cache.invalidate();
		}
	}

	void invalidateTagNow(String tag) {
		for (TagIndex.TaggedKey tagged : this.tags.remove(tag)) {
			if (cache(tagged.cacheName()) instanceof TieredCache tiered) {
				tiered.evictEncoded(tagged.encodedKey());
			}
		}
	}

	private void dispatch(List<EventInvalidation> matching, Object event) {
		for (EventInvalidation invalidation : matching) {
			List<Consumer<TieredCacheInvalidator>> actions;
			try {
				actions = invalidation.actions(event);
			}
			catch (EvaluationException ex) {
				failures.warn("Invalidation " + invalidation.source() + " could not evaluate its expressions on a "
						+ event.getClass().getName() + "; invalidating its caches whole instead", ex);
				actions = invalidation.fallbackActions();
			}
			if (actions.isEmpty()) {
				continue;
			}
			List<Consumer<TieredCacheInvalidator>> work = actions;
			Runnable run = () -> work.forEach((action) -> action.accept(this));
			Duration delay = invalidation.delay();
			AfterCommit.run((delay != null) ? () -> this.scheduler.schedule(delay, run) : run);
		}
	}

	private @Nullable Cache cache(String cacheName) {
		CacheManager manager = this.cacheManager.get();
		Cache cache = manager.getCache(cacheName);
		if (cache == null && !(manager instanceof TieredCacheManager tiered && tiered.isCreateOnDemand())) {
			failures.warn("Invalidation of unknown cache '" + cacheName + "' ignored", null);
		}
		return cache;
	}

	@Override
	public void close() {
		this.scheduler.close();
	}

}

package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MapAccessor;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * What one {@code @InvalidateOn} annotation or configured rule invalidates when its event
 * is published. Expressions are parsed already; they are evaluated against the event when
 * it is published, so later changes to the event object do not matter. Immutable.
 *
 * @param source where it was declared, for log messages
 * @param types event types that trigger it (subclasses included)
 * @param names logical event names that trigger it
 * @param condition must be true for it to apply, or {@code null}
 * @param caches the caches whose {@code keys}/{@code patterns} are invalidated, or
 * invalidated whole when neither is given
 * @param keys expressions giving a key or a collection of keys
 * @param patterns templates giving globs over encoded keys
 * @param tags expressions giving a tag or a collection of tags
 * @param cascade caches invalidated whole in addition
 * @param delay how long after the event (or its transaction's commit) to act, or
 * {@code null} for at once
 */
record EventInvalidation(String source, List<Class<?>> types, Set<String> names, @Nullable Expression condition,
		List<String> caches, List<Expression> keys, List<Expression> patterns, List<Expression> tags,
		List<String> cascade, @Nullable Duration delay) {

	boolean matches(Class<?> eventType) {
		for (Class<?> type : this.types) {
			if (type.isAssignableFrom(eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Evaluates what to invalidate for one event.
	 * @param event the event object, or the context map of a named event
	 * @return the invalidations, empty when the condition is false
	 * @throws EvaluationException if an expression fails on this event
	 */
	List<Consumer<TieredCacheInvalidator>> actions(Object event) {
		StandardEvaluationContext context = new StandardEvaluationContext(event);
		context.setVariable("event", event);
		context.addPropertyAccessor(new MapAccessor());
		if (this.condition != null && !Boolean.TRUE.equals(this.condition.getValue(context, Boolean.class))) {
			return List.of();
		}
		List<Consumer<TieredCacheInvalidator>> actions = new ArrayList<>();
		for (String cache : this.caches) {
			if (this.keys.isEmpty() && this.patterns.isEmpty() && this.tags.isEmpty()) {
				actions.add((invalidator) -> invalidator.invalidateAllNow(cache));
			}
			for (Expression key : this.keys) {
				for (Object each : values(key.getValue(context))) {
					actions.add((invalidator) -> invalidator.invalidateNow(cache, each));
				}
			}
			for (Expression pattern : this.patterns) {
				String glob = pattern.getValue(context, String.class);
				if (glob != null) {
					actions.add((invalidator) -> invalidator.invalidatePatternNow(cache, glob));
				}
			}
		}
		for (Expression tag : this.tags) {
			for (Object each : values(tag.getValue(context))) {
				actions.add((invalidator) -> invalidator.invalidateTagNow(each.toString()));
			}
		}
		for (String cache : this.cascade) {
			actions.add((invalidator) -> invalidator.invalidateAllNow(cache));
		}
		return actions;
	}

	/**
	 * What to do when the expressions fail on an event: invalidate every cache involved
	 * whole, so that a broken expression costs hit ratio rather than correctness.
	 * @return the fallback invalidations
	 */
	List<Consumer<TieredCacheInvalidator>> fallbackActions() {
		List<Consumer<TieredCacheInvalidator>> actions = new ArrayList<>();
		for (String cache : this.caches) {
			actions.add((invalidator) -> invalidator.invalidateAllNow(cache));
		}
		for (String cache : this.cascade) {
			actions.add((invalidator) -> invalidator.invalidateAllNow(cache));
		}
		return actions;
	}

	private static Collection<?> values(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof Collection<?> collection) {
			return collection;
		}
		if (value instanceof Object[] array) {
			return List.of(array);
		}
		return List.of(value);
	}

}

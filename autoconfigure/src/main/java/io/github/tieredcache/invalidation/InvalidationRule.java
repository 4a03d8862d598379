package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An invalidation declared in configuration ({@code tiered-cache.invalidation.rules[]})
 * rather than with {@code @InvalidateOn}.
 *
 * @param property where it was declared, e.g. {@code tiered-cache.invalidation.rules[0]},
 * for error messages
 * @param event the event's class name or logical name
 * @param caches the caches whose keys or patterns are invalidated (whole, if neither is
 * given)
 * @param keys SpEL over {@code #event} giving keys
 * @param patterns templates giving globs, e.g. {@code user:#{#event.id}:*}
 * @param tags SpEL over {@code #event} giving tags
 * @param cascade caches invalidated whole in addition
 * @param condition SpEL over {@code #event} that must be true, empty for always
 * @param delay how long after the event (or the commit) to act, or {@code null}
 */
public record InvalidationRule(String property, String event, List<String> caches, List<String> keys,
		List<String> patterns, List<String> tags, List<String> cascade, String condition, @Nullable Duration delay) {

}

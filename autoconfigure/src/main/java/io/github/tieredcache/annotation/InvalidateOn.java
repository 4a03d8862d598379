package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Invalidates entries of the {@link Cached @Cached} method it sits on when a matching
 * event is published, in both tiers and on every instance.
 *
 * <p>
 * Events are any objects published through Spring's {@code ApplicationEventPublisher}
 * (matched by type, subclasses included) or logical names published with
 * {@code CacheInvalidator.publish(name, context)}. Published inside a transaction, the
 * invalidation happens after the commit and not at all on a rollback; outside one it
 * happens at once.
 *
 * <p>
 * Repeatable: one method may be invalidated by several events with different keys.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(InvalidateOn.List.class)
public @interface InvalidateOn {

	/**
	 * Alias for {@link #event()}.
	 * @return the event types
	 */
	@AliasFor("event")
	Class<?>[] value() default {};

	/**
	 * Event types that trigger the invalidation.
	 * @return the event types
	 */
	@AliasFor("value")
	Class<?>[] event() default {};

	/**
	 * Logical event names that trigger the invalidation, for events published with
	 * {@code CacheInvalidator.publish(name, context)}.
	 * @return the event names
	 */
	String[] name() default {};

	/**
	 * SpEL over the event ({@code #event}; for a named event, its context map, e.g.
	 * {@code #event['chain']}) giving the key to invalidate, or a collection of keys.
	 * Empty: the whole cache.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * SpEL over the event that must be true for the invalidation to happen.
	 * @return the condition expression
	 */
	String condition() default "";

	/**
	 * How long after the event (after the commit, inside a transaction) to invalidate, as
	 * a duration string ({@code 500ms}, {@code 2s}). Empty: at once.
	 * @return the delay
	 */
	String delay() default "";

	/**
	 * Holds repeated {@link InvalidateOn} annotations.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The annotations.
		 * @return the annotations
		 */
		InvalidateOn[] value();

	}

}

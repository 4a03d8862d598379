/**
 * Parsing of the SpEL expressions and durations that cache annotations and configured
 * invalidation rules carry, once at start-up, with errors that name the method or
 * property and the fix; and which classes carry the annotations at all, looked at once
 * per class.
 */
@NullMarked
package io.github.tieredcache.expression;

import org.jspecify.annotations.NullMarked;

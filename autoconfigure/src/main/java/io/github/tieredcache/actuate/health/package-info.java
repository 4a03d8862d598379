/**
 * The {@code tieredCache} health contributor.
 */
@NullMarked
package io.github.tieredcache.actuate.health;

import org.jspecify.annotations.NullMarked;

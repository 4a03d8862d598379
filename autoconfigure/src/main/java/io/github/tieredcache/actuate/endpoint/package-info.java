/**
 * The {@code tieredcache} actuator endpoint: statistics of every tiered cache and the
 * state of the shared tier, and clearing or evicting from a cache.
 */
@NullMarked
package io.github.tieredcache.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

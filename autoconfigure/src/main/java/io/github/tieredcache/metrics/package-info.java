/**
 * Micrometer meters of tiered caches: Spring Boot's standard {@code cache.*} meters and
 * the per-tier {@code tiered.cache.*} meters, bound for every cache including those
 * created on demand.
 */
@NullMarked
package io.github.tieredcache.metrics;

import org.jspecify.annotations.NullMarked;

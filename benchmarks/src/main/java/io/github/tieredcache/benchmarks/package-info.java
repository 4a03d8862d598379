/**
 * JMH benchmarks of the tiered cache, each measured against a baseline in the same run:
 * raw Caffeine for L1 hits, raw Lettuce for L2 hits, and a Redis client's own latency
 * while a large cache is cleared.
 */
@NullMarked
package io.github.tieredcache.benchmarks;

import org.jspecify.annotations.NullMarked;

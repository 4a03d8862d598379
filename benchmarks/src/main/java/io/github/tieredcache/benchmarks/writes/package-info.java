/**
 * Write strategies measured on a real PostgreSQL and Redis: {@code @WriteBehind} against
 * synchronous writes of the same shape in one run ({@link WriteBehindComparison}), and a
 * soak that kills instances of the sample application with SIGKILL while they queue
 * writes and counts the writes lost ({@link WriteBehindSoak}).
 */
@NullMarked
package io.github.tieredcache.benchmarks.writes;

import org.jspecify.annotations.NullMarked;

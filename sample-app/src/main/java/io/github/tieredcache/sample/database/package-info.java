/**
 * The database side of the sample: a simulated round-trip latency, the count of queries
 * behind {@code GET /stats}.
 */
@NullMarked
package io.github.tieredcache.sample.database;

import org.jspecify.annotations.NullMarked;

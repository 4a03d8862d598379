/**
 * A load generator for the sample application's HTTP API: a Zipf-distributed mix of reads
 * and writes, with hit ratios per tier, database queries, latency percentiles and stale
 * reads in its report.
 */
@NullMarked
package io.github.tieredcache.benchmarks.load;

import org.jspecify.annotations.NullMarked;

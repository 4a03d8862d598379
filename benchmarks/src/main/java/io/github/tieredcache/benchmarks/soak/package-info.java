/**
 * A chaos soak of the sample application: several instances on one Redis (standalone or a
 * cluster) and one database, a load with a stale-read oracle, and seeded faults of Redis,
 * the network and the instances, with a report of errors, stale reads, recovery times,
 * hit ratios and write-behind writes. Run by {@code benchmarks/run-soak.sh}.
 */
@NullMarked
package io.github.tieredcache.benchmarks.soak;

import org.jspecify.annotations.NullMarked;

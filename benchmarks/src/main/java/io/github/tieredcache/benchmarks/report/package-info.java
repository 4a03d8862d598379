/**
 * Turns JMH's JSON results into ratios against each benchmark class's baseline, a
 * Markdown table and PNG bar charts.
 */
@NullMarked
package io.github.tieredcache.benchmarks.report;

import org.jspecify.annotations.NullMarked;

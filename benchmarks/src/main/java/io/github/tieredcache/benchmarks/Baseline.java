package io.github.tieredcache.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the benchmark method that the other methods of its class are compared with.
 * {@link BaselineRatios} divides every score by the baseline's score from the same run,
 * for the same thread count and parameters, because absolute numbers from one noisy
 * machine say little on their own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Baseline {

}

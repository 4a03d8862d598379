package io.github.tieredcache.cache;

/**
 * How far concurrent loads of one key are collapsed into one.
 */
public enum SingleFlight {

	/**
	 * One load per key per instance: concurrent callers in one JVM share a load, other
	 * instances load on their own.
	 */
	INSTANCE,

	/**
	 * One load per key across all instances sharing the Redis tier: a caller whose key is
	 * being loaded elsewhere waits (at most {@code single-flight-wait}) for that value to
	 * appear in Redis, then loads itself if it has not.
	 */
	CLUSTER

}

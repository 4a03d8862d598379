package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the write-behind queues shared by every cache, bound from
 * {@code tiered-cache.write-behind.*}; per-cache settings are under
 * {@code tiered-cache.defaults.write-behind} and
 * {@code tiered-cache.caches.<name>.write-behind}. The defaults are
 * {@code WriteBehindQueues}', repeated as literals for the IDE metadata.
 */
@ConfigurationProperties("tiered-cache.write-behind")
public class TieredCacheWriteBehindProperties {

	/**
	 * How long a queued write another instance took but did not finish stays with it
	 * before this instance takes it over; also how long a write's per-key lock lives
	 * without renewal. Longer than the slowest write.
	 */
	private Duration claimAfter = Duration.ofSeconds(30);

	/**
	 * Longest time a graceful shutdown waits for this instance's queued writes to run;
	 * what is left is taken over by another instance.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	public Duration getClaimAfter() {
		return this.claimAfter;
	}

	public void setClaimAfter(Duration claimAfter) {
		this.claimAfter = claimAfter;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

}

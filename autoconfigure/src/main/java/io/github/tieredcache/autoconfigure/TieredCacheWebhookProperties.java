package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the signed invalidation webhook, bound from
 * {@code tiered-cache.webhook.*}. The defaults are those of {@code InvalidationWebhook},
 * repeated as literals for the IDE metadata (and kept equal by
 * {@code PropertyDefaultsTests}).
 */
@ConfigurationProperties("tiered-cache.webhook")
public class TieredCacheWebhookProperties {

	/**
	 * Shared secret the webhook's calls are signed with (HMAC-SHA256), at least 32 bytes;
	 * setting it enables the webhook. Keep it out of source control, e.g. in the
	 * TIERED_CACHE_WEBHOOK_SECRET environment variable.
	 */
	private @Nullable String secret;

	/**
	 * Path of the webhook, under the application's context path.
	 */
	private String path = "/cache/invalidations";

	/**
	 * How far a call's timestamp may be from this instance's clock, either way;
	 * signatures are remembered against replays for twice as long.
	 */
	private Duration tolerance = Duration.ofMinutes(5);

	/**
	 * Largest body accepted; larger calls are refused with 413 without being read.
	 */
	private DataSize maxBodySize = DataSize.ofKilobytes(64);

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getTolerance() {
		return this.tolerance;
	}

	public void setTolerance(Duration tolerance) {
		this.tolerance = tolerance;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

}

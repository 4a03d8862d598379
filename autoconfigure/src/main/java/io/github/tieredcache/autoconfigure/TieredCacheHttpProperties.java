package io.github.tieredcache.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of HTTP response caching ({@code @CachedResponse}), bound from
 * {@code tiered-cache.http.*}. The defaults are those of {@code ResponseCaching},
 * repeated as literals for the IDE metadata (and kept equal by
 * {@code PropertyDefaultsTests}).
 */
@ConfigurationProperties("tiered-cache.http")
public class TieredCacheHttpProperties {

	/**
	 * Whether @CachedResponse handler methods answer from the cache (Spring MVC and
	 * WebFlux applications).
	 */
	private boolean enabled = true;

	/**
	 * Whether requests with an Authorization header or a session cookie skip the cache
	 * (answered BYPASS, nothing stored), so that one user's page never reaches another.
	 */
	private boolean skipAuthenticated = true;

	/**
	 * Largest response body stored; larger ones are written through and counted.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	/**
	 * Response header saying HIT, MISS or BYPASS.
	 */
	private String statusHeader = "X-Cache";

	/**
	 * Whether a request with 'Cache-Control: no-cache' runs the handler and replaces the
	 * stored response. Off by default: any client could otherwise empty the cache's value
	 * for everyone.
	 */
	private boolean honorClientNoCache = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isSkipAuthenticated() {
		return this.skipAuthenticated;
	}

	public void setSkipAuthenticated(boolean skipAuthenticated) {
		this.skipAuthenticated = skipAuthenticated;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public String getStatusHeader() {
		return this.statusHeader;
	}

	public void setStatusHeader(String statusHeader) {
		this.statusHeader = statusHeader;
	}

	public boolean isHonorClientNoCache() {
		return this.honorClientNoCache;
	}

	public void setHonorClientNoCache(boolean honorClientNoCache) {
		this.honorClientNoCache = honorClientNoCache;
	}

}

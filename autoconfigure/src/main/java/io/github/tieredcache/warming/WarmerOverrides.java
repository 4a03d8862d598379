package io.github.tieredcache.warming;

import java.util.Set;

/**
 * What configuration says about individual warmers
 * ({@code tiered-cache.warming.warmers.<name>}), applied over what the application
 * declared.
 */
public interface WarmerOverrides {

	/**
	 * No overrides: every warmer runs as declared.
	 */
	WarmerOverrides NONE = new WarmerOverrides() {

		@Override
		public Set<String> names() {
			return Set.of();
		}

		@Override
		public boolean enabled(String warmer) {
			return true;
		}

		@Override
		public WarmingPolicy apply(String warmer, WarmingPolicy declared) {
			return declared;
		}

	};

	/**
	 * Returns the names of the warmers configuration mentions, so that a name matching no
	 * warmer (a typo) can stop start-up. Names are compared ignoring case, since
	 * environment variables bind them in lower case.
	 * @return the names
	 */
	Set<String> names();

	/**
	 * Returns whether a warmer runs at all.
	 * @param warmer the warmer's name
	 * @return whether it is enabled
	 */
	boolean enabled(String warmer);

	/**
	 * Applies configuration to a warmer's declared policy.
	 * @param warmer the warmer's name
	 * @param declared the policy its bean or annotation declares
	 * @return the effective policy
	 */
	WarmingPolicy apply(String warmer, WarmingPolicy declared);

}

package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A {@link TagIndex} in this JVM, for applications without Redis. Each tag lives as long
 * as the longest-lived entry that carries it; the number of tags is bounded. Thread-safe.
 */
public final class LocalTagIndex implements TagIndex {

	/**
	 * Default number of tags held.
	 */
	public static final long DEFAULT_MAX_TAGS = 100_000;

	private final Cache<String, TagMembers> tags;

	/**
	 * Creates an index holding at most the given number of tags.
	 * @param maxTags the bound, at least 1
	 */
	public LocalTagIndex(long maxTags) {
		if (maxTags < 1) {
			throw new IllegalArgumentException("maxTags must be at least 1 but was " + maxTags);
		}
		this.tags = Caffeine.newBuilder().maximumSize(maxTags).expireAfter(new Expiry<String, TagMembers>() {

			@Override
			public long expireAfterCreate(String tag, TagMembers members, long currentTime) {
				return members.lifetimeNanos;
			}

			@Override
			public long expireAfterUpdate(String tag, TagMembers members, long currentTime, long currentDuration) {
				return members.lifetimeNanos;
			}

			@Override
			public long expireAfterRead(String tag, TagMembers members, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	@Override
	public void tag(String cacheName, String encodedKey, Collection<String> tags, Duration ttl) {
		TaggedKey member = new TaggedKey(cacheName, encodedKey);
		for (String tag : tags) {
			this.tags.asMap().compute(tag, (name, members) -> {
				TagMembers updated = (members != null) ? members : new TagMembers();
				updated.keys.add(member);
				updated.lifetimeNanos = Math.max(updated.lifetimeNanos, ttl.toNanos());
				return updated;
			});
		}
	}

	@Override
	public Collection<TaggedKey> remove(String tag) {
		TagMembers members = this.tags.asMap().remove(tag);
		return (members != null) ? List.copyOf(members.keys) : List.of();
	}

	private static final class TagMembers {

		private final Set<TaggedKey> keys = ConcurrentHashMap.newKeySet();

		private long lifetimeNanos;

	}

}

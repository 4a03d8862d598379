package io.github.tieredcache.cache;

import org.jspecify.annotations.Nullable;

/**
 * What one read of the shared tier for a missing key found: the entry, or the fill lease
 * it took for the caller, or neither. Reading and leasing in one step makes a miss two
 * round trips (this read, then the fill), as in a plain cache-aside, instead of three.
 *
 * @param entry the entry found, or {@code null} on a miss
 * @param lease the fill lease taken for the caller, or {@code null} when none was taken
 * @param heldByAnother whether another loader holds the key's lease (or wrote a value
 * after the read), so that taking the lease again now would fail
 */
public record RemoteLookup(@Nullable RemoteEntry entry, @Nullable String lease, boolean heldByAnother) {

	private static final RemoteLookup ABSENT = new RemoteLookup(null, null, false);

	private static final RemoteLookup BUSY = new RemoteLookup(null, null, true);

	/**
	 * The key holds an entry.
	 * @param entry the entry
	 * @return the lookup
	 */
	public static RemoteLookup hit(RemoteEntry entry) {
		return new RemoteLookup(entry, null, false);
	}

	/**
	 * The key was absent and its lease was taken for the caller.
	 * @param lease the lease token, to pass to {@link RemoteTier#fill} or
	 * {@link RemoteTier#release}
	 * @return the lookup
	 */
	public static RemoteLookup leased(String lease) {
		return new RemoteLookup(null, lease, false);
	}

	/**
	 * Another loader holds the key's lease.
	 * @return the lookup
	 */
	public static RemoteLookup leasedByAnother() {
		return BUSY;
	}

	/**
	 * Nothing usable was found and no lease was taken (an unreadable value was removed,
	 * say): the caller may try to take the lease itself.
	 * @return the lookup
	 */
	public static RemoteLookup absent() {
		return ABSENT;
	}

}

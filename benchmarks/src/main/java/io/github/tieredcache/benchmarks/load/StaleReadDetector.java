package io.github.tieredcache.benchmarks.load;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Detects stale reads from the client's side. A write counts from the moment its response
 * arrived (for a create, the {@code 201}); any read that <em>started</em> after that
 * moment must see it:
 * <ul>
 * <li>a chain's list must contain the id of the newest create of that chain acknowledged
 * before the read started;</li>
 * <li>an exploit read by id must have at least the version of the newest update of it
 * acknowledged before the read started (when the API returns versions).</li>
 * </ul>
 * Reads that overlap a write are not judged by it: the caller takes the expectation
 * before sending the read ({@link #expectedId}, {@link #expectedVersion}) and checks the
 * response against it afterwards.
 *
 * <p>
 * Only the newest acknowledged create per chain is checked: a list that shows the newest
 * entries first and is cut to a fixed length can drop older ones legitimately. If more
 * creates of one chain than fit in the list are in flight during one read, the newest
 * acknowledged one could be pushed out of it; at write ratios of a few percent that does
 * not happen.
 *
 * <p>
 * Thread-safe.
 */
public final class StaleReadDetector {

	private static final int MAX_EXAMPLES = 10;

	private final Map<String, Long> newestCreate = new ConcurrentHashMap<>();

	private final Map<Long, Long> newestVersion = new ConcurrentHashMap<>();

	private final LongAdder listChecks = new LongAdder();

	private final LongAdder staleLists = new LongAdder();

	private final LongAdder versionChecks = new LongAdder();

	private final LongAdder staleVersions = new LongAdder();

	private final List<String> examples = new CopyOnWriteArrayList<>();

	/**
	 * Records an acknowledged create. Ids are assumed to grow with time; the largest
	 * acknowledged id of a chain is its newest.
	 * @param chain the chain
	 * @param id the created exploit's id
	 */
	public void created(String chain, long id) {
		this.newestCreate.merge(chain, id, Math::max);
	}

	/**
	 * Records an acknowledged update.
	 * @param id the exploit
	 * @param version the version the update produced
	 */
	public void updated(long id, long version) {
		this.newestVersion.merge(id, version, Math::max);
	}

	/**
	 * Returns the id a read of a chain's list, about to start, must contain.
	 * @param chain the chain
	 * @return the id, or {@code null} if no create of that chain was acknowledged yet
	 */
	public @Nullable Long expectedId(String chain) {
		return this.newestCreate.get(chain);
	}

	/**
	 * Returns the lowest version a read of an exploit, about to start, may return.
	 * @param id the exploit
	 * @return the version, or {@code null} if no update of it was acknowledged yet
	 */
	public @Nullable Long expectedVersion(long id) {
		return this.newestVersion.get(id);
	}

	/**
	 * Checks a chain's list against the expectation taken before the read started.
	 * @param chain the chain
	 * @param expectedId the expectation, or {@code null} for none
	 * @param ids the ids the list held
	 * @return whether the read was stale
	 */
	public boolean checkList(String chain, @Nullable Long expectedId, Collection<Long> ids) {
		if (expectedId == null) {
			return false;
		}
		this.listChecks.increment();
		if (ids.contains(expectedId)) {
			return false;
		}
		this.staleLists.increment();
		example("list of " + chain + " lacks acknowledged id " + expectedId + " (held " + ids.size() + " ids)");
		return true;
	}

	/**
	 * Checks an exploit's version against the expectation taken before the read started.
	 * @param id the exploit
	 * @param expectedVersion the expectation, or {@code null} for none
	 * @param version the version read, or {@code null} if the API returned none
	 * @return whether the read was stale
	 */
	public boolean checkVersion(long id, @Nullable Long expectedVersion, @Nullable Long version) {
		if (expectedVersion == null || version == null) {
			return false;
		}
		this.versionChecks.increment();
		if (version >= expectedVersion) {
			return false;
		}
		this.staleVersions.increment();
		example("exploit " + id + " read at version " + version + " after version " + expectedVersion
				+ " was acknowledged");
		return true;
	}

	private void example(String description) {
		if (this.examples.size() < MAX_EXAMPLES) {
			this.examples.add(description);
		}
	}

	/**
	 * Returns the counts so far.
	 * @return the counts
	 */
	public Counts counts() {
		return new Counts(this.listChecks.sum(), this.staleLists.sum(), this.versionChecks.sum(),
				this.staleVersions.sum(), List.copyOf(this.examples));
	}

	/**
	 * Stale-read counts.
	 *
	 * @param listChecks list reads that had an acknowledged create to look for
	 * @param staleLists those that did not contain it
	 * @param versionChecks reads by id that had an acknowledged update to look for
	 * @param staleVersions those that returned an older version
	 * @param examples the first few stale reads, described
	 */
	public record Counts(long listChecks, long staleLists, long versionChecks, long staleVersions,
			List<String> examples) {

		/**
		 * Returns all stale reads.
		 * @return the number of stale reads
		 */
		public long stale() {
			return this.staleLists + this.staleVersions;
		}

	}

}

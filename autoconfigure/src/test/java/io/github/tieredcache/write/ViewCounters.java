package io.github.tieredcache.write;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.WriteBehind;
import io.github.tieredcache.annotation.WriteThrough;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A repository of view counters over a real database, with the writes the tests watch:
 * every run of the queued method is logged with its instance, key and value, a key can be
 * made to fail its next runs, and one key's write can be held at a latch.
 */
public class ViewCounters {

	/**
	 * Every run of {@link #saveViews}, in order, across instances.
	 */
	static final List<Run> runs = new CopyOnWriteArrayList<>();

	static final Map<Long, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	static final Map<Long, CountDownLatch> holds = new ConcurrentHashMap<>();

	private final JdbcTemplate jdbc;

	private final String instance;

	private final AtomicInteger reads = new AtomicInteger();

	public ViewCounters(JdbcTemplate jdbc, String instance) {
		this.jdbc = jdbc;
		this.instance = instance;
	}

	@Cached(cache = "views", key = "#id")
	public Long views(long id) {
		this.reads.incrementAndGet();
		List<Long> found = this.jdbc.queryForList("select views from views where id = ?", Long.class, id);
		return found.isEmpty() ? 0L : found.get(0);
	}

	@WriteBehind(cache = "views", key = "#id", value = "#count")
	@Transactional
	public void saveViews(long id, long count) {
		CountDownLatch hold = holds.get(id);
		if (hold != null) {
			runs.add(new Run(this.instance, id, count, true));
			try {
				hold.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		AtomicInteger failures = failuresLeft.get(id);
		if (failures != null && failures.getAndDecrement() > 0) {
			throw new IllegalStateException("database refused views of " + id);
		}
		if (this.jdbc.update("update views set views = ? where id = ?", count, id) == 0) {
			this.jdbc.update("insert into views (id, views) values (?, ?)", id, count);
		}
		runs.add(new Run(this.instance, id, count, false));
	}

	@WriteThrough(cache = "views", key = "#id")
	@Transactional
	public Long resetViews(long id, long count) {
		if (this.jdbc.update("update views set views = ? where id = ?", count, id) == 0) {
			this.jdbc.update("insert into views (id, views) values (?, ?)", id, count);
		}
		if (count < 0) {
			throw new IllegalArgumentException("negative views");
		}
		return count;
	}

	int reads() {
		return this.reads.get();
	}

	Long inDatabase(long id) {
		List<Long> found = this.jdbc.queryForList("select views from views where id = ?", Long.class, id);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * One run of the queued method.
	 *
	 * @param instance the instance that ran it
	 * @param id the key
	 * @param count the value written
	 * @param started whether this records the start of a held run rather than a completed
	 * write
	 */
	record Run(String instance, long id, long count, boolean started) {
	}

}

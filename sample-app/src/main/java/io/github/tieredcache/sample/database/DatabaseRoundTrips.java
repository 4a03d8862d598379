package io.github.tieredcache.sample.database;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate sends to the database, and makes every
 * {@code SELECT} take longer.
 * <p>
 * <strong>The latency is simulated.</strong> The default database is an in-memory H2 that
 * answers the sample's queries in well under a millisecond, which would make any cache
 * look pointless. A production database across a network, under load, typically takes
 * tens of milliseconds, so each {@code SELECT} (including sequence reads) sleeps for
 * {@code sample.database.latency} (default {@code 30ms}) on the calling thread before it
 * is sent. Writes are not delayed. Set the latency to {@code 0} to measure the database
 * as it is.
 * <p>
 * Installed as Hibernate's {@link StatementInspector}, which sees every statement of
 * every repository call that reaches the database, and nothing answered by a cache.
 * Thread-safe.
 */
public class DatabaseRoundTrips implements StatementInspector {

	private final AtomicLong statements = new AtomicLong();

	private final Duration latency;

	/**
	 * Create an instance.
	 * @param latency the delay added to each {@code SELECT}; zero for none
	 */
	public DatabaseRoundTrips(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException(
					"sample.database.latency must not be negative, but was " + latency + "; use 0 for none");
		}
		this.latency = latency;
	}

	@Override
	public String inspect(String sql) {
		this.statements.incrementAndGet();
		if (!this.latency.isZero() && sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select")) {
			pause();
		}
		return sql;
	}

	/**
	 * Return how many statements were sent to the database since start-up, seeding
	 * included.
	 * @return the number of statements
	 */
	public long count() {
		return this.statements.get();
	}

	private void pause() {
		try {
			Thread.sleep(this.latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

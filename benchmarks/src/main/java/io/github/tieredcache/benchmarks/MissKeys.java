package io.github.tieredcache.benchmarks;

import java.util.UUID;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread source of keys never used before, so that every read is a miss: a prefix
 * unique to the thread and run, and a counter.
 */
@State(Scope.Thread)
public class MissKeys {

	private String prefix = "";

	private long next;

	@Setup
	public void setUp() {
		this.prefix = "miss:" + UUID.randomUUID() + ":";
	}

	/**
	 * Returns a key this thread has not returned before.
	 * @return the key
	 */
	String next() {
		return this.prefix + this.next++;
	}

}

package io.github.tieredcache.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread position in a benchmark's keys. Each thread starts at a random key, so
 * threads do not read the same entry in lock step.
 */
@State(Scope.Thread)
public class KeyCursor {

	private int next;

	@Setup
	public void setUp() {
		this.next = ThreadLocalRandom.current().nextInt();
	}

	/**
	 * Returns the next key, wrapping around.
	 * @param <T> the key type
	 * @param keys the keys; their number must be a power of two
	 * @return the next key
	 */
	<T> T next(T[] keys) {
		return keys[this.next++ & (keys.length - 1)];
	}

}

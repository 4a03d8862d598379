package io.github.tieredcache.serialization.untrusted;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the classes of this package were made to do, so that tests can prove that
 * a refused class was never initialized, constructed or deserialized.
 */
public final class Evidence {

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private Evidence() {
	}

	static void record(String event) {
		events.add(event);
	}

	public static List<String> events() {
		return List.copyOf(events);
	}

	public static void clear() {
		events.clear();
	}

}

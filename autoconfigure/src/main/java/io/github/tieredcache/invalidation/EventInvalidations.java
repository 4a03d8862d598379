package io.github.tieredcache.invalidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every registered {@link EventInvalidation}, looked up by event type (the answer is
 * remembered per type, so the event listener's cost per published event is one map
 * lookup) or by event name. Thread-safe.
 */
final class EventInvalidations {

	private final List<EventInvalidation> all = new CopyOnWriteArrayList<>();

	private final Map<Class<?>, List<EventInvalidation>> byType = new ConcurrentHashMap<>();

	void add(EventInvalidation invalidation) {
		this.all.add(invalidation);
		this.byType.clear();
	}

	List<EventInvalidation> all() {
		return List.copyOf(this.all);
	}

	boolean isEmpty() {
		return this.all.isEmpty();
	}

	List<EventInvalidation> forType(Class<?> eventType) {
		return this.byType.computeIfAbsent(eventType, (type) -> {
			List<EventInvalidation> matching = new ArrayList<>();
			for (EventInvalidation invalidation : this.all) {
				if (invalidation.matches(type)) {
					matching.add(invalidation);
				}
			}
			return List.copyOf(matching);
		});
	}

	List<EventInvalidation> forName(String name) {
		List<EventInvalidation> matching = new ArrayList<>();
		for (EventInvalidation invalidation : this.all) {
			if (invalidation.names().contains(name)) {
				matching.add(invalidation);
			}
		}
		return matching;
	}

}

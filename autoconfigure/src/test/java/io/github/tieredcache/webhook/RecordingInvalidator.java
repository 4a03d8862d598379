package io.github.tieredcache.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.invalidation.ScheduledInvalidation;

/**
 * A {@link CacheInvalidator} that records what it was asked to do, one line per call.
 */
class RecordingInvalidator implements CacheInvalidator {

	final List<String> calls = new CopyOnWriteArrayList<>();

	@Override
	public void invalidate(String cacheName, Object key) {
		this.calls.add("key " + cacheName + " " + key);
	}

	@Override
	public void invalidateAll(String cacheName) {
		this.calls.add("all " + cacheName);
	}

	@Override
	public void invalidatePattern(String cacheName, String pattern) {
		this.calls.add("pattern " + cacheName + " " + pattern);
	}

	@Override
	public void invalidateTag(String tag) {
		this.calls.add("tag " + tag);
	}

	@Override
	public void publish(String name, Map<String, ?> context) {
		this.calls.add("event " + name + " " + context);
	}

	@Override
	public ScheduledInvalidation schedule(Duration delay, Consumer<CacheInvalidator> invalidation) {
		throw new UnsupportedOperationException();
	}

}

package io.github.tieredcache.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;

import io.github.tieredcache.warming.WarmerState;
import io.github.tieredcache.warming.WarmingPolicy;
import org.jspecify.annotations.Nullable;

/**
 * One cache warmer as the {@code tieredcache} endpoint shows it.
 *
 * @param name the warmer's name
 * @param cache the cache it fills, or {@code null} when it names none
 * @param status what it is doing: {@code IDLE}, {@code RUNNING}, {@code SUCCEEDED},
 * {@code FAILED} or {@code TIMED_OUT}
 * @param onStartup whether it warms on start-up
 * @param interval how often it warms again, or {@code null}
 * @param cron when it warms again, or {@code null}
 * @param priority its priority
 * @param lastStarted when its last run started, or {@code null}
 * @param lastDurationMillis how long its last finished run took, or {@code null}
 * @param lastEntries entries its last successful run wrote, or {@code null} when unknown
 * @param lastError why its last run failed, or {@code null}
 * @param successes runs that finished
 * @param failures runs that threw
 * @param timeouts runs interrupted at their timeout
 * @param skips scheduled runs left to another instance or to a run still going
 * @param entries entries written by all runs
 */
public record WarmerDescriptor(String name, @Nullable String cache, WarmerState.Status status, boolean onStartup,
		@Nullable Duration interval, @Nullable String cron, int priority, @Nullable Instant lastStarted,
		@Nullable Long lastDurationMillis, @Nullable Long lastEntries, @Nullable String lastError, long successes,
		long failures, long timeouts, long skips, long entries) {

	static WarmerDescriptor of(WarmerState state) {
		WarmingPolicy policy = state.policy();
		Duration lastDuration = state.lastDuration();
		long lastEntries = state.lastEntries();
		return new WarmerDescriptor(state.name(), state.cache(), state.status(), policy.onStartup(), policy.interval(),
				policy.cron(), policy.priority(), state.lastStarted(),
				(lastDuration != null) ? lastDuration.toMillis() : null, (lastEntries >= 0) ? lastEntries : null,
				state.lastError(), state.successes(), state.failures(), state.timeouts(), state.skips(),
				state.entries());
	}

}

package io.github.tieredcache.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.InvalidationBusStats;
import io.github.tieredcache.sync.LossCause;
import io.github.tieredcache.sync.SubscriptionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the cross-instance {@link InvalidationBus}, read from its statistics when the
 * registry is scraped: messages sent and received, rejected messages, publish failures,
 * detected losses by cause, the lag of the last message from another instance, the
 * subscription state and the number of live peers.
 */
public final class InvalidationBusMeterBinder implements MeterBinder {

	private final InvalidationBus bus;

	/**
	 * Creates a binder for a bus.
	 * @param bus the bus
	 */
	public InvalidationBusMeterBinder(InvalidationBus bus) {
		this.bus = bus;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "tiered.cache.bus.messages", "Messages published to other instances", "direction", "sent",
				InvalidationBusStats::messagesSent);
		counter(registry, "tiered.cache.bus.messages", "Messages received from other instances", "direction",
				"received", InvalidationBusStats::messagesReceived);
		counter(registry, "tiered.cache.bus.rejected", "Messages dropped unread (garbage, oversized, other version)",
				null, null, InvalidationBusStats::messagesRejected);
		counter(registry, "tiered.cache.bus.publish.failures", "Messages that could not be published", null, null,
				InvalidationBusStats::publishFailures);
		for (LossCause cause : LossCause.values()) {
			counter(registry, "tiered.cache.bus.losses",
					"Times L1 was flushed because invalidations may have been missed", "cause",
					cause.name().toLowerCase(Locale.ROOT), (stats) -> stats.losses(cause));
		}
		TimeGauge
			.builder("tiered.cache.bus.lag", this.bus, TimeUnit.MILLISECONDS,
					(bus) -> Math.max(0, bus.stats().lastLagMillis()))
			.description("Delay of the last message received from another instance")
			.register(registry);
		Gauge
			.builder("tiered.cache.bus.subscribed", this.bus,
					(bus) -> (bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED) ? 1 : 0)
			.description("1 while this instance receives other instances' invalidations, else 0")
			.register(registry);
		Gauge.builder("tiered.cache.bus.peers", this.bus, (bus) -> bus.stats().livePeers())
			.description("Other instances heard from recently")
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description, @Nullable String tagKey,
			@Nullable String tagValue, ToDoubleFunction<InvalidationBusStats> count) {
		FunctionCounter.Builder<InvalidationBus> builder = FunctionCounter
			.builder(name, this.bus, (bus) -> count.applyAsDouble(bus.stats()))
			.description(description);
		if (tagKey != null) {
			builder.tag(tagKey, tagValue);
		}
		builder.register(registry);
	}

}

package io.github.tieredcache.metrics;

import java.util.Locale;

import io.github.tieredcache.webhook.InvalidationWebhook;
import io.github.tieredcache.webhook.ReplayStore;
import io.github.tieredcache.webhook.WebhookOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the invalidation webhook: calls by {@code result} ({@code accepted},
 * {@code refused}) and {@code reason} ({@code none} for accepted calls), and accepted
 * signatures by the {@code store} that remembers them against replays ({@code redis}, or
 * {@code local} when there is no Redis or it did not answer). Every tag has a fixed set
 * of values.
 */
public final class WebhookMeterBinder implements MeterBinder {

	private final InvalidationWebhook webhook;

	/**
	 * Creates a binder.
	 * @param webhook the webhook
	 */
	public WebhookMeterBinder(InvalidationWebhook webhook) {
		this.webhook = webhook;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WebhookOutcome outcome : WebhookOutcome.values()) {
			boolean accepted = outcome == WebhookOutcome.ACCEPTED;
			FunctionCounter.builder("tiered.cache.webhook.calls", this.webhook, (webhook) -> webhook.count(outcome))
				.tag("result", accepted ? "accepted" : "refused")
				.tag("reason", accepted ? "none" : outcome.reason())
				.description("Calls of the invalidation webhook, by result and reason")
				.register(registry);
		}
		for (ReplayStore store : ReplayStore.values()) {
			FunctionCounter.builder("tiered.cache.webhook.signatures", this.webhook, (webhook) -> webhook.count(store))
				.tag("store", store.name().toLowerCase(Locale.ROOT))
				.description("Accepted webhook signatures, by where they are remembered against replays")
				.register(registry);
		}
	}

}

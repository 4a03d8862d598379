package io.github.tieredcache.compatibility.virtualthreads;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Reads prices through the tiered cache and writes them, publishing the change that
 * invalidates the cached price on every instance.
 */
public class PriceBook {

	private final PriceDatabase database;

	private final ApplicationEventPublisher events;

	PriceBook(PriceDatabase database, ApplicationEventPublisher events) {
		this.database = database;
		this.events = events;
	}

	@Cached(cache = "prices", key = "#sku")
	@InvalidateOn(event = PriceChanged.class, key = "#event.sku")
	public Price price(String sku) {
		return this.database.read(sku);
	}

	public void change(String sku, long cents) {
		this.database.write(sku, cents);
		this.events.publishEvent(new PriceChanged(sku));
	}

}

package io.github.tieredcache.invalidation;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Hands every event published in the application context, including plain objects
 * published through {@code ApplicationEventPublisher.publishEvent(Object)}, to the
 * {@link TieredCacheInvalidator}.
 */
public final class InvalidationEventListener implements ApplicationListener<ApplicationEvent> {

	private final TieredCacheInvalidator invalidator;

	/**
	 * Creates a listener.
	 * @param invalidator where events go
	 */
	public InvalidationEventListener(TieredCacheInvalidator invalidator) {
		this.invalidator = invalidator;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		Object payload = (event instanceof PayloadApplicationEvent<?> payloadEvent) ? payloadEvent.getPayload() : event;
		this.invalidator.onEvent(payload);
	}

}

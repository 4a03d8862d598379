package io.github.tieredcache.webhook;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.webhook.WebhookApplication.Prices;
import io.github.tieredcache.webhook.WebhookApplication.Sender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Redis, or while it is down, the webhook still invalidates and refuses replays
 * on its own instance, and its meters say that signatures are remembered locally.
 */
@Tag("fault")
@RealRedis
class WebhookRedisOutageTests {

	@Test
	void withoutRedisReplaysAreRefusedPerInstance() {
		try (ConfigurableApplicationContext context = start("--spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")) {
			assertThat(context.getBean(InvalidationWebhook.class).isShared()).isFalse();
			assertAcceptedOnceAndRememberedLocally(context);
		}
	}

	@Test
	void whileRedisIsDownReplaysAreRefusedPerInstance(@Dedicated RedisServer redis) {
		try (ConfigurableApplicationContext context = start("--spring.data.redis.url=" + redis.url())) {
			assertThat(context.getBean(InvalidationWebhook.class).isShared()).isTrue();
			redis.stop();
			assertAcceptedOnceAndRememberedLocally(context);
		}
	}

	private static void assertAcceptedOnceAndRememberedLocally(ConfigurableApplicationContext context) {
		Prices prices = context.getBean(Prices.class);
		String sku = "D-" + UUID.randomUUID();
		String price = prices.price(sku);
		Sender sender = new Sender(((WebServerApplicationContext) context).getWebServer().getPort());
		String body = "{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + sku + "\"}}";
		String timestamp = Sender.timestamp();
		String signature = Sender.sign(timestamp, body);
		HttpResponse<String> accepted = sender.send(body, timestamp, signature);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(prices.price(sku)).isNotEqualTo(price);
		assertThat(sender.send(body, timestamp, signature).statusCode()).isEqualTo(409);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("tiered.cache.webhook.signatures").tag("store", "local").functionCounter().count())
			.isOne();
		assertThat(registry.get("tiered.cache.webhook.signatures").tag("store", "redis").functionCounter().count())
			.isZero();
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 4];
		all[0] = "--server.port=0";
		all[1] = "--tiered-cache.webhook.secret=" + WebhookApplication.SECRET;
		all[2] = "--tiered-cache.key-prefix=webhook-outage-" + UUID.randomUUID();
		all[3] = "--tiered-cache.redis.timeout=200ms";
		System.arraycopy(args, 0, all, 4, args.length);
		return new SpringApplicationBuilder(WebhookApplication.class).run(all);
	}

}

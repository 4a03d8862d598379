package io.github.tieredcache.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The webhook's checks, in the order a call meets them, apart from HTTP and Redis: every
 * refused call invalidates nothing, and its detail never repeats the signature.
 */
class InvalidationWebhookTests {

	private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final RecordingInvalidator invalidator = new RecordingInvalidator();

	private final InvalidationWebhook webhook = InvalidationWebhook.builder(this.invalidator, SECRET)
		.clock(Clock.fixed(NOW, ZoneOffset.UTC))
		.maxBodySize(1024)
		.cacheExists(Set.of("prices", "products")::contains)
		.build();

	private final WebhookSignatures signatures = new WebhookSignatures(SECRET);

	@Test
	void aSignedEventIsPublishedWithItsContext() {
		InvalidationWebhook.Result result = send(NOW,
				"{\"event\":\"price-changed\",\"context\":{\"sku\":\"A1\",\"n\":2}}");
		assertThat(result.outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
		assertThat(this.invalidator.calls).containsExactly("event price-changed {sku=A1, n=2}");
		assertThat(this.webhook.count(WebhookOutcome.ACCEPTED)).isOne();
		assertThat(this.webhook.count(ReplayStore.LOCAL)).isOne();
	}

	@Test
	void anEventWithoutContextIsPublishedWithAnEmptyOne() {
		assertThat(send(NOW, "{\"event\":\"catalog-reloaded\"}").outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
		assertThat(this.invalidator.calls).containsExactly("event catalog-reloaded {}");
	}

	@Test
	void keysPatternsAndTagsOfACacheAreInvalidated() {
		InvalidationWebhook.Result result = send(NOW,
				"{\"cache\":\"prices\",\"keys\":[\"A1\",42],\"patterns\":[\"B*\"],\"tags\":[\"supplier:7\"]}");
		assertThat(result.outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
		assertThat(this.invalidator.calls).containsExactly("key prices A1", "key prices 42", "pattern prices B*",
				"tag supplier:7");
	}

	@Test
	void tagsNeedNoCache() {
		assertThat(send(NOW, "{\"tags\":[\"supplier:7\"]}").outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
		assertThat(this.invalidator.calls).containsExactly("tag supplier:7");
	}

	@Test
	void anUnsignedCallIsRefused() {
		InvalidationWebhook.Result result = this.webhook.handle(null, null, body("{\"event\":\"x\"}"));
		assertRefused(result, WebhookOutcome.UNSIGNED);
		assertThat(result.detail()).contains("X-Cache-Timestamp", "X-Cache-Signature");
		assertRefused(this.webhook.handle(seconds(NOW), null, body("{\"event\":\"x\"}")), WebhookOutcome.UNSIGNED);
		assertRefused(this.webhook.handle(null, "sha256=00", body("{\"event\":\"x\"}")), WebhookOutcome.UNSIGNED);
	}

	@Test
	void aSignatureWithoutItsAlgorithmIsRefusedAsUnsigned() {
		String signature = this.signatures.sign(seconds(NOW), body("{\"event\":\"x\"}")).substring("sha256=".length());
		assertRefused(this.webhook.handle(seconds(NOW), signature, body("{\"event\":\"x\"}")), WebhookOutcome.UNSIGNED);
	}

	@Test
	void aTimestampThatIsNotANumberIsRefusedAsUnsigned() {
		byte[] body = body("{\"event\":\"x\"}");
		String timestamp = NOW.toString();
		assertRefused(this.webhook.handle(timestamp, this.signatures.sign(timestamp, body), body),
				WebhookOutcome.UNSIGNED);
	}

	@Test
	void aWrongSignatureIsRefusedWithoutRepeatingIt() {
		byte[] body = body("{\"event\":\"x\"}");
		String wrong = new WebhookSignatures("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8))
			.sign(seconds(NOW), body);
		InvalidationWebhook.Result result = this.webhook.handle(seconds(NOW), wrong, body);
		assertRefused(result, WebhookOutcome.BAD_SIGNATURE);
		assertThat(result.detail()).doesNotContain(wrong.substring(7, 20));
	}

	@Test
	void aSignatureOfAnotherBodyIsRefused() {
		String signature = this.signatures.sign(seconds(NOW), body("{\"event\":\"x\"}"));
		assertRefused(this.webhook.handle(seconds(NOW), signature, body("{\"event\":\"y\"}")),
				WebhookOutcome.BAD_SIGNATURE);
	}

	@Test
	void aSignatureOfAnotherTimestampIsRefused() {
		byte[] body = body("{\"event\":\"x\"}");
		String signature = this.signatures.sign(seconds(NOW.minusSeconds(1)), body);
		assertRefused(this.webhook.handle(seconds(NOW), signature, body), WebhookOutcome.BAD_SIGNATURE);
	}

	@Test
	void anUpperCaseHexSignatureIsAccepted() {
		byte[] body = body("{\"event\":\"x\"}");
		String signature = this.signatures.sign(seconds(NOW), body);
		String upper = "sha256=" + signature.substring(7).toUpperCase();
		assertThat(this.webhook.handle(seconds(NOW), upper, body).outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
	}

	@Test
	void timestampsOutsideTheToleranceAreRefusedEitherWay() {
		Duration tolerance = InvalidationWebhook.DEFAULT_TOLERANCE;
		assertRefused(send(NOW.minus(tolerance).minusSeconds(1), "{\"event\":\"x\"}"), WebhookOutcome.STALE);
		assertRefused(send(NOW.plus(tolerance).plusSeconds(1), "{\"event\":\"x\"}"), WebhookOutcome.STALE);
		assertThat(this.webhook.count(WebhookOutcome.STALE)).isEqualTo(2);
		assertThat(send(NOW.minus(tolerance), "{\"event\":\"x\"}").outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
	}

	@Test
	void aReplayIsRefused() {
		byte[] body = body("{\"event\":\"x\"}");
		String signature = this.signatures.sign(seconds(NOW), body);
		assertThat(this.webhook.handle(seconds(NOW), signature, body).outcome()).isEqualTo(WebhookOutcome.ACCEPTED);
		assertThat(this.webhook.handle(seconds(NOW), signature, body).outcome()).isEqualTo(WebhookOutcome.REPLAYED);
		assertThat(
				this.webhook.handle(seconds(NOW), signature.toUpperCase().replace("SHA256", "sha256"), body).outcome())
			.isEqualTo(WebhookOutcome.REPLAYED);
		assertThat(this.invalidator.calls).hasSize(1);
	}

	@Test
	void garbageSignedCorrectlyIsMalformed() {
		assertRefused(send(NOW, "not json at all"), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "[1,2]"), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "\"event\""), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, ""), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "{}"), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "{\"event\":"), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "{\"event\":\"x\""), WebhookOutcome.MALFORMED);
		assertRefused(send(NOW, "{\"event\":\"x\"} trailing"), WebhookOutcome.MALFORMED);
	}

	@Test
	void malformedBodiesSayWhatIsWrong() {
		assertThat(send(NOW, "{\"event\":\"x\",\"key\":\"1\"}").detail()).contains("Unknown field \"key\"");
		assertThat(send(NOW, "{\"event\":\"\"}").detail()).contains("\"event\" must be a non-empty string");
		assertThat(send(NOW, "{\"event\":\"x\",\"context\":[1]}").detail())
			.contains("\"context\" must be a JSON object");
		assertThat(send(NOW, "{\"cache\":\"prices\"}").detail()).contains("Nothing to invalidate");
		assertThat(send(NOW, "{\"cache\":\"prices\",\"keys\":\"A1\"}").detail()).contains("\"keys\" must be an array");
		assertThat(send(NOW, "{\"keys\":[\"A1\"],\"tags\":[\"t\"]}").detail()).contains("need the \"cache\"");
		assertThat(send(NOW, "{\"event\":\"x\",\"cache\":\"prices\",\"keys\":[\"A1\"]}").detail())
			.contains("Unknown field \"cache\"");
		assertThat(this.invalidator.calls).isEmpty();
		assertThat(this.webhook.count(WebhookOutcome.MALFORMED)).isEqualTo(7);
	}

	@Test
	void anUnknownCacheIsRefused() {
		InvalidationWebhook.Result result = send(NOW, "{\"cache\":\"pricez\",\"keys\":[\"A1\"]}");
		assertRefused(result, WebhookOutcome.UNKNOWN_CACHE);
		assertThat(result.detail()).contains("'pricez'");
	}

	@Test
	void aBodyOverTheLimitIsRefusedUnread() {
		assertRefused(send(NOW, "{\"event\":\"" + "x".repeat(1024) + "\"}"), WebhookOutcome.TOO_LARGE);
		assertThat(this.webhook.refuse(WebhookOutcome.TOO_LARGE).detail()).contains("1024 bytes");
		assertThat(this.webhook.count(WebhookOutcome.TOO_LARGE)).isEqualTo(2);
	}

	@Test
	void aSecretShorterThan32BytesIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InvalidationWebhook.builder(this.invalidator, new byte[31]).build())
			.withMessageContaining("31 bytes")
			.withMessageContaining("at least 32");
	}

	@Test
	void theSignatureIsTheHmacOfTimestampDotBody() {
		// echo -n '1700000000.{"event":"x"}' | openssl dgst -sha256 -hmac
		// 0123456789abcdef0123456789abcdef
		assertThat(this.signatures.sign("1700000000", body("{\"event\":\"x\"}")))
			.isEqualTo("sha256=216f541939ecbaf5d05abbfeeb4af6cee6eae94ca31d2630a8e032bdb78bfe8a");
	}

	private InvalidationWebhook.Result send(Instant timestamp, String json) {
		byte[] body = body(json);
		return this.webhook.handle(seconds(timestamp), this.signatures.sign(seconds(timestamp), body), body);
	}

	private void assertRefused(InvalidationWebhook.Result result, WebhookOutcome outcome) {
		assertThat(result.outcome()).isEqualTo(outcome);
		assertThat(this.invalidator.calls).isEmpty();
		assertThat(this.webhook.count(WebhookOutcome.ACCEPTED)).isZero();
	}

	private static String seconds(Instant instant) {
		return Long.toString(instant.getEpochSecond());
	}

	private static byte[] body(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}

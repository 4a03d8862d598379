package io.github.tieredcache.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Computes and checks {@code sha256=<hex>} signatures: HMAC-SHA256 with the shared secret
 * over {@code "<timestamp>.<raw body>"}. The comparison takes the same time whatever the
 * signature's content, so a caller cannot find the right one byte by byte from response
 * times. Thread-safe (a {@link Mac} per call).
 */
final class WebhookSignatures {

	/**
	 * The shortest secret accepted: as many bytes as the hash's output, below which the
	 * secret, not the hash, is the weak point.
	 */
	static final int MIN_SECRET_BYTES = 32;

	static final String PREFIX = "sha256=";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * Creates signatures with a secret.
	 * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes
	 * @throws IllegalArgumentException if the secret is shorter
	 */
	WebhookSignatures(byte[] secret) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("the webhook secret is " + secret.length + " bytes long; at least "
					+ MIN_SECRET_BYTES + " are needed (for example 'openssl rand -hex 32')");
		}
		this.key = new SecretKeySpec(secret, ALGORITHM);
	}

	/**
	 * Returns the signature header value for a timestamp and a body.
	 * @param timestamp the timestamp as sent
	 * @param body the raw body
	 * @return {@code sha256=} and the lower-case hex HMAC
	 */
	String sign(String timestamp, byte[] body) {
		Mac mac = mac();
		mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
		mac.update((byte) '.');
		mac.update(body);
		return PREFIX + HexFormat.of().formatHex(mac.doFinal());
	}

	/**
	 * Returns whether a signature header is the right one for a timestamp and a body.
	 * @param timestamp the timestamp as sent
	 * @param body the raw body
	 * @param signature the signature header as sent, or {@code null}
	 * @return whether it matches
	 */
	boolean matches(String timestamp, byte[] body, @Nullable String signature) {
		if (signature == null) {
			return false;
		}
		byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

	private Mac mac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", ex);
		}
	}

}

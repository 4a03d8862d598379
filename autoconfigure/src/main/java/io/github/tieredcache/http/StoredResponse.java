package io.github.tieredcache.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One stored {@code 200} response: content type, safe headers, body and the strong ETag
 * computed from the body when it was stored. Immutable.
 *
 * @param contentType the content type, or {@code null}
 * @param headers the headers to repeat, as name and value pairs
 * @param body the body
 * @param etag the quoted ETag
 * @param storedAt when it was stored, in epoch milliseconds
 * @param ttlMillis how long it lives
 */
record StoredResponse(@Nullable String contentType, List<Map.Entry<String, String>> headers, byte[] body, String etag,
		long storedAt, long ttlMillis) {

	private static final int FORMAT = 1;

	static StoredResponse of(@Nullable String contentType, List<Map.Entry<String, String>> headers, byte[] body,
			long storedAt, long ttlMillis) {
		return new StoredResponse(contentType, List.copyOf(headers), body, etag(body), storedAt, ttlMillis);
	}

	/**
	 * Returns the seconds since the response was stored, never negative.
	 */
	long ageSeconds(long now) {
		return Math.max(0, (now - this.storedAt) / 1000);
	}

	/**
	 * Returns the seconds it still lives, never negative.
	 */
	long secondsLeft(long now) {
		return Math.max(0, (this.storedAt + this.ttlMillis - now) / 1000);
	}

	boolean expired(long now) {
		return now >= this.storedAt + this.ttlMillis;
	}

	private static String etag(byte[] body) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable in this JVM", ex);
		}
	}

	/**
	 * Writes the responses of one cache key, each under its variant (the method and the
	 * values of its {@code vary} headers), as the bytes the cache stores.
	 */
	static byte[] encode(Map<String, StoredResponse> variants) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeInt(variants.size());
			for (Map.Entry<String, StoredResponse> variant : variants.entrySet()) {
				StoredResponse response = variant.getValue();
				out.writeUTF(variant.getKey());
				out.writeUTF((response.contentType != null) ? response.contentType : "");
				out.writeInt(response.headers.size());
				for (Map.Entry<String, String> header : response.headers) {
					out.writeUTF(header.getKey());
					out.writeUTF(header.getValue());
				}
				out.writeUTF(response.etag);
				out.writeLong(response.storedAt);
				out.writeLong(response.ttlMillis);
				out.writeInt(response.body.length);
				out.write(response.body);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads what {@link #encode} wrote; anything else reads as no responses.
	 */
	static Map<String, StoredResponse> decode(@Nullable Object stored) {
		Map<String, StoredResponse> variants = new LinkedHashMap<>();
		if (!(stored instanceof byte[] bytes)) {
			return variants;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			if (in.readByte() != FORMAT) {
				return variants;
			}
			int count = in.readInt();
			for (int i = 0; i < count; i++) {
				String variant = in.readUTF();
				String contentType = in.readUTF();
				int headerCount = in.readInt();
				List<Map.Entry<String, String>> headers = new ArrayList<>(headerCount);
				for (int h = 0; h < headerCount; h++) {
					headers.add(Map.entry(in.readUTF(), in.readUTF()));
				}
				String etag = in.readUTF();
				long storedAt = in.readLong();
				long ttl = in.readLong();
				byte[] body = in.readNBytes(in.readInt());
				variants.put(variant, new StoredResponse(contentType.isEmpty() ? null : contentType,
						List.copyOf(headers), body, etag, storedAt, ttl));
			}
		}
		catch (IOException | RuntimeException ex) {
			return new LinkedHashMap<>();
		}
		return variants;
	}

}

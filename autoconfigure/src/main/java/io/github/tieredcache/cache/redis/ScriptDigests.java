package io.github.tieredcache.cache.redis;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.DigestUtils;

/**
 * The SHA-1 digests of the tier's Lua scripts, so that each call sends {@code EVALSHA}
 * and the digest rather than the script's text, and Redis need not hash the text on every
 * call. Scripts are the tier's own constants and are looked up by identity. Thread-safe.
 */
final class ScriptDigests {

	// Arrays do not override equals(): the map is keyed by each script's identity
	private final Map<byte[], String> digests = new ConcurrentHashMap<>();

	/**
	 * Returns the digest of a script, computed on first use.
	 * @param script the script's text
	 * @return its SHA-1, in lower-case hexadecimal as Redis names scripts
	 */
	String of(byte[] script) {
		return this.digests.computeIfAbsent(script, (text) -> sha1(text));
	}

	/**
	 * Returns whether Redis refused a script call because it does not hold the script
	 * (after a restart, a {@code SCRIPT FLUSH}, or on a cluster node that never ran it):
	 * the caller then sends the text once, which also loads it.
	 * @param failure what the call threw
	 * @return whether it was {@code NOSCRIPT}
	 */
	static boolean isNoScript(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.contains("NOSCRIPT")) {
				return true;
			}
		}
		return false;
	}

	private static String sha1(byte[] text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no SHA-1, which every Java SE runtime provides", ex);
		}
	}

}

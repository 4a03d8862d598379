package io.github.tieredcache.cache;

import java.util.regex.Pattern;

/**
 * A glob over encoded keys with the syntax of Redis {@code SCAN MATCH}, so that L1 and
 * Redis agree on which keys a pattern invalidation removes: {@code *} any run of
 * characters, {@code ?} one character, {@code [abc]}, {@code [^a]} and {@code [a-z]}
 * classes, and {@code \} escaping the next character. Immutable and thread-safe.
 */
final class KeyGlob {

	private final Pattern pattern;

	private KeyGlob(Pattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Compiles a glob.
	 * @param glob the glob
	 * @return the matcher
	 * @throws IllegalArgumentException if a character class is not closed
	 */
	static KeyGlob compile(String glob) {
		StringBuilder regex = new StringBuilder(glob.length() + 8);
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				case '\\' -> {
					if (i + 1 < glob.length()) {
						regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
					}
				}
				case '[' -> i = appendClass(glob, i, regex);
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return new KeyGlob(Pattern.compile(regex.toString(), Pattern.DOTALL));
	}

	private static int appendClass(String glob, int open, StringBuilder regex) {
		int close = glob.indexOf(']', open + 1);
		if (close < 0) {
			throw new IllegalArgumentException("Pattern '" + glob + "' opens a character class at position " + open
					+ " but never closes it; add ']' or escape the '[' as '\\\\['");
		}
		regex.append('[');
		int i = open + 1;
		if (i < close && glob.charAt(i) == '^') {
			regex.append('^');
			i++;
		}
		for (; i < close; i++) {
			char c = glob.charAt(i);
			if (c == '-' && i > open + 1 && i + 1 < close) {
				regex.append('-');
			}
			else if (Character.isLetterOrDigit(c)) {
				regex.append(c);
			}
			else {
				regex.append('\\').append(c);
			}
		}
		regex.append(']');
		return close;
	}

	/**
	 * Returns whether a key matches.
	 * @param key an L1 key (an encoded key)
	 * @return whether it matches the whole glob
	 */
	boolean matches(Object key) {
		return key instanceof String string && this.pattern.matcher(string).matches();
	}

}

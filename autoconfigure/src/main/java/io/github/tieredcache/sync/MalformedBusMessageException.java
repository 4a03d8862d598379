package io.github.tieredcache.sync;

/**
 * A message on the bus channel that this version cannot read: not ours, corrupt, too
 * large, or written in another format version. Receivers count and drop it.
 */
class MalformedBusMessageException extends RuntimeException {

	MalformedBusMessageException(String message) {
		super(message);
	}

}

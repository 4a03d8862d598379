package io.github.tieredcache.serialization;

import java.lang.reflect.InaccessibleObjectException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns Jackson's exceptions into {@link CacheValueSerializationException}s whose
 * messages name the type, the place in the value and the fix, and never quote the value
 * or the stored JSON (many of Jackson's own messages do, and the caller logs these).
 * Jackson exceptions are therefore never kept as the cause; an exception thrown by
 * application code, such as a getter, is.
 */
final class JsonFailures {

	/**
	 * The fix for entries that an older (or newer) version of a class wrote: nothing is
	 * needed, since unreadable entries are misses that are removed and reloaded.
	 */
	private static final String RELOADED = "; the entry is treated as a miss, removed and reloaded (change "
			+ "tiered-cache.key-prefix with the deployment to drop all such entries at once)";

	/**
	 * This format stores fields, so a field whose stored value does not fit its type
	 * means the class changed.
	 */
	private static final String CLASS_CHANGED = "; the class has changed since the value was written" + RELOADED;

	private JsonFailures() {
	}

	static CacheValueSerializationException onWrite(Object value, RuntimeException ex) {
		String prefix = "Cannot write " + value.getClass().getName() + " as JSON" + path(ex) + ": ";
		CacheValueSerializationException reason = find(ex, CacheValueSerializationException.class);
		if (reason != null) {
			return new CacheValueSerializationException(prefix + reason.getMessage(), reason.getCause());
		}
		if (find(ex, StreamConstraintsException.class) != null) {
			return new CacheValueSerializationException(prefix + "it nests too deeply, probably through a cycle that "
					+ "passes only through collections, maps or records, which are stored by value, not by identity; "
					+ "break the cycle with an object of a class of your own, or cache a DTO");
		}
		if (find(ex, InaccessibleObjectException.class) != null) {
			Class<?> type = (ex instanceof InvalidDefinitionException definition && definition.getType() != null)
					? definition.getType().getRawClass() : value.getClass();
			return new CacheValueSerializationException(prefix + "the fields of " + type.getName()
					+ " are closed to reflection by the module that owns it, so its state cannot be stored; "
					+ "cache a DTO holding the data instead");
		}
		if (ex instanceof InvalidDefinitionException definition) {
			return new CacheValueSerializationException(prefix + definition.getOriginalMessage());
		}
		Throwable root = rootCause(ex);
		if (!(root instanceof JacksonException)) {
			return new CacheValueSerializationException(prefix + "reading the value threw " + root.getClass().getName(),
					root);
		}
		return new CacheValueSerializationException(prefix + root.getClass().getSimpleName());
	}

	static CacheValueSerializationException onRead(RuntimeException ex, TypeAllowList allowList) {
		String prefix = "Cannot read cached value" + path(ex) + ": ";
		if (ex instanceof InvalidTypeIdException invalidTypeId && invalidTypeId.getTypeId() != null) {
			return new CacheValueSerializationException(prefix + typeIdProblem(invalidTypeId, allowList));
		}
		CacheValueSerializationException reason = find(ex, CacheValueSerializationException.class);
		if (reason != null) {
			return new CacheValueSerializationException(prefix + reason.getMessage(), reason.getCause());
		}
		if (ex instanceof InvalidDefinitionException definition) {
			return new CacheValueSerializationException(prefix + definition.getOriginalMessage());
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new CacheValueSerializationException(
					prefix + "the stored JSON does not fit type " + mismatch.getTargetType().getName() + CLASS_CHANGED);
		}
		if (ex instanceof StreamReadException) {
			return new CacheValueSerializationException(prefix + "the stored bytes are not valid JSON ("
					+ ex.getClass().getSimpleName() + location(ex) + ")");
		}
		Throwable root = rootCause(ex);
		return new CacheValueSerializationException(prefix + root.getClass().getName()
				+ ((root instanceof JacksonException) ? "" : " while building the value"));
	}

	private static String typeIdProblem(InvalidTypeIdException ex, TypeAllowList allowList) {
		String typeId = ex.getTypeId();
		String refused = allowList.firstRefusedIn(typeId);
		if (refused != null) {
			return TypeAllowList.refusal(refused);
		}
		String problem = ex.getOriginalMessage();
		if (problem != null && problem.contains("no such class found")) {
			return "type " + typeId + " named in the stored JSON does not exist; the value was probably written "
					+ "by another version of the application" + RELOADED;
		}
		String expected = (ex.getBaseType() != null) ? ex.getBaseType().getRawClass().getName() : "the declared type";
		return "type " + typeId + " named in the stored JSON does not fit " + expected + CLASS_CHANGED;
	}

	private static String path(RuntimeException ex) {
		if (!(ex instanceof JacksonException jackson) || jackson.getPath().isEmpty()) {
			return "";
		}
		StringBuilder path = new StringBuilder(" at ");
		boolean first = true;
		for (JacksonException.Reference reference : jackson.getPath()) {
			Object from = reference.from();
			Class<?> fromType = (from instanceof Class<?> type) ? type : (from != null) ? from.getClass() : null;
			if (first && fromType != null) {
				path.append(fromType.getSimpleName());
			}
			first = false;
			if (reference.getPropertyName() != null) {
				boolean mapEntry = fromType != null && Map.class.isAssignableFrom(fromType);
				path.append(mapEntry ? "[<key>]" : "." + reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String location(RuntimeException ex) {
		TokenStreamLocation location = (ex instanceof JacksonException jackson) ? jackson.getLocation() : null;
		return (location != null && location.getByteOffset() >= 0) ? " at byte " + location.getByteOffset() : "";
	}

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}

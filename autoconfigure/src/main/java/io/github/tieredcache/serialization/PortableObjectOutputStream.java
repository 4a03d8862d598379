package io.github.tieredcache.serialization;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Map;

/**
 * An {@link ObjectOutputStream} that writes what {@link AllowListObjectInputStream} will
 * read: collections and maps whose class no reader can instantiate are written as the
 * public JDK type {@link PortableTypes} chooses, persistent collections only if they were
 * loaded, and any other class outside the allow-list fails the write.
 * <p>
 * Not thread-safe: one per write.
 */
final class PortableObjectOutputStream extends ObjectOutputStream {

	private final JdkAllowList allowList;

	private final PortableTypes portableTypes;

	private boolean reportingFailure;

	PortableObjectOutputStream(OutputStream out, JdkAllowList allowList, PortableTypes portableTypes)
			throws IOException {
		super(out);
		this.allowList = allowList;
		this.portableTypes = portableTypes;
		enableReplaceObject(true);
	}

	@Override
	protected Object replaceObject(Object obj) throws IOException {
		if (this.reportingFailure || obj instanceof ObjectStreamException) {
			// The stream is writing its own failure (such as a NotSerializableException)
			// before throwing it; that is no value, and it is never read
			this.reportingFailure = true;
			return obj;
		}
		Object replacement = obj;
		if (obj instanceof Collection<?> || obj instanceof Map<?, ?>) {
			LazyAssociations.requireLoaded(obj);
			Class<?> recorded = this.portableTypes.typeToRecord(obj.getClass());
			if (recorded != obj.getClass()) {
				replacement = copy(obj, recorded);
			}
		}
		String refused = this.allowList.refusedIn(replacement.getClass());
		if (refused != null) {
			throw new CacheValueSerializationException(refused.startsWith("org.hibernate.proxy.")
					? "a lazy Hibernate proxy cannot be written with Java serialization; fetch the association "
							+ "or cache a DTO instead"
					: TypeAllowList.refusal(refused));
		}
		return replacement;
	}

	@SuppressWarnings("unchecked")
	private static Object copy(Object source, Class<?> type) {
		try {
			Object copy = type.getConstructor().newInstance();
			if (copy instanceof Map<?, ?> map) {
				((Map<Object, Object>) map).putAll((Map<Object, Object>) source);
			}
			else {
				((Collection<Object>) copy).addAll((Collection<Object>) source);
			}
			return copy;
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			Throwable cause = (ex instanceof InvocationTargetException invocation) ? invocation.getCause() : ex;
			throw new CacheValueSerializationException("cannot copy " + source.getClass().getName() + " into a "
					+ type.getName() + " (" + ((cause != null) ? cause.getClass().getName() : "unknown") + ")");
		}
	}

}

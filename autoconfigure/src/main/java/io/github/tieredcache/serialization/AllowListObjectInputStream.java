package io.github.tieredcache.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectStreamClass;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.util.ClassUtils;

/**
 * An {@link java.io.ObjectInputStream} that only reads classes the allow-list permits. A
 * class name is checked before the class is loaded; an {@link ObjectInputFilter} checks
 * again every class, array and proxy the stream resolves, and bounds the graph: depth
 * {@value #MAX_DEPTH}, {@value #MAX_REFERENCES} references, arrays of
 * {@value #MAX_ARRAY_LENGTH} elements. Dynamic proxies are never read.
 * <p>
 * Classes are loaded with the thread context class loader (falling back to this
 * library's), as in the application that wrote them. Not thread-safe: one per read.
 */
final class AllowListObjectInputStream extends ConfigurableObjectInputStream {

	static final int MAX_DEPTH = 100;

	static final long MAX_REFERENCES = 1_000_000;

	static final long MAX_ARRAY_LENGTH = 10_000_000;

	private final JdkAllowList allowList;

	private @Nullable String rejection;

	AllowListObjectInputStream(InputStream in, JdkAllowList allowList) throws IOException {
		super(in, ClassUtils.getDefaultClassLoader());
		this.allowList = allowList;
		setObjectInputFilter(this::check);
	}

	/**
	 * Return why the stream was refused, if it was refused by the allow-list or a limit.
	 * @return the reason, naming the fix, or {@code null}
	 */
	@Nullable String rejection() {
		return this.rejection;
	}

	@Override
	protected Class<?> resolveClass(ObjectStreamClass classDesc) throws IOException, ClassNotFoundException {
		if (!this.allowList.permits(classDesc.getName())) {
			throw refuse(classDesc.getName(), TypeAllowList.refusal(classDesc.getName()));
		}
		return super.resolveClass(classDesc);
	}

	@Override
	protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
		throw refuse(String.join(", ", interfaces), "the stored value contains a dynamic proxy, which is never read");
	}

	private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
		if (info.depth() > MAX_DEPTH) {
			return reject("the stored value nests deeper than " + MAX_DEPTH + " levels");
		}
		if (info.references() > MAX_REFERENCES) {
			return reject("the stored value holds more than " + MAX_REFERENCES + " objects");
		}
		if (info.arrayLength() > MAX_ARRAY_LENGTH) {
			return reject("the stored value holds an array longer than " + MAX_ARRAY_LENGTH + " elements");
		}
		Class<?> type = info.serialClass();
		if (type == null) {
			return ObjectInputFilter.Status.UNDECIDED;
		}
		String refused = this.allowList.refusedIn(type);
		return (refused != null) ? reject(TypeAllowList.refusal(refused)) : ObjectInputFilter.Status.ALLOWED;
	}

	private ObjectInputFilter.Status reject(String reason) {
		if (this.rejection == null) {
			this.rejection = reason;
		}
		return ObjectInputFilter.Status.REJECTED;
	}

	private InvalidClassException refuse(String className, String reason) {
		reject(reason);
		return new InvalidClassException(className, "refused by the cache's allow-list");
	}

}

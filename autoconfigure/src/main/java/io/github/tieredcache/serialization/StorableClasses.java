package io.github.tieredcache.serialization;

import java.lang.reflect.Modifier;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether the fields of a class can be stored faithfully, and if not, says why
 * and what to do instead. A class is refused when it is not in the allow-list (it could
 * never be read back), when it is a lambda or other generated class, an anonymous, local
 * or inner class (their captured variables and enclosing instance are hidden fields), or
 * when it is {@code java.lang.Object} itself. (Fields hidden by a subclass field of the
 * same name are stored, see {@link StateClassIntrospector}.)
 * <p>
 * Thread-safe; decisions are made once per class.
 */
final class StorableClasses {

	private final TypeAllowList allowList;

	private final ClassValue<Optional<String>> problems = new ClassValue<>() {

		@Override
		protected Optional<String> computeValue(Class<?> type) {
			return Optional.ofNullable(findProblem(type));
		}

	};

	StorableClasses(TypeAllowList allowList) {
		this.allowList = allowList;
	}

	/**
	 * Return why the fields of a class cannot be stored faithfully.
	 * @param type the class
	 * @return the reason, naming the fix, or {@code null} if they can be
	 */
	@Nullable String problem(Class<?> type) {
		return this.problems.get(type).orElse(null);
	}

	private @Nullable String findProblem(Class<?> type) {
		String name = type.getName();
		if (type.isHidden() || type.isSynthetic()) {
			return "type " + name + " is a lambda or generated class, which has no state a cache can store; "
					+ "cache the data it works on instead";
		}
		if (type.isAnonymousClass() || type.isLocalClass()
				|| (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))) {
			return "type " + name + " is an anonymous, local or inner class, whose enclosing instance and captured "
					+ "variables cannot be stored; make it a static nested or top-level class";
		}
		if (type == Object.class) {
			return "a plain java.lang.Object has no state a cache can store";
		}
		if (!this.allowList.permits(type)) {
			return TypeAllowList.refusal(name);
		}
		return null;
	}

}

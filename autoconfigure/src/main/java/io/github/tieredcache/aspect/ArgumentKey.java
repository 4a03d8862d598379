package io.github.tieredcache.aspect;

import java.beans.PropertyDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * A key expression of the shapes most {@code @Cached} methods use, read straight from the
 * arguments: a parameter ({@code #id}, {@code #p0}, {@code #a0}) or a property of one
 * ({@code #query.id}, through its public getter or record accessor). A hit then needs no
 * SpEL evaluation context and no expression evaluation, which cost more than the L1
 * lookup itself.
 *
 * <p>
 * The shortcut gives the same key SpEL would, or none: whenever it cannot be sure (a
 * {@code null} parameter whose property is asked for, a getter that throws), it answers
 * {@link #UNRESOLVED} and the caller evaluates the expression with SpEL, so errors and
 * edge cases stay SpEL's. Immutable and thread-safe.
 */
final class ArgumentKey {

	/**
	 * Returned by {@link #read(Object[])} when SpEL must evaluate the expression.
	 */
	static final Object UNRESOLVED = new Object();

	private static final Pattern VARIABLE = Pattern.compile("#([A-Za-z_$][A-Za-z0-9_$]*)");

	private static final Pattern PROPERTY = Pattern.compile("#([A-Za-z_$][A-Za-z0-9_$]*)\\.([A-Za-z_$][A-Za-z0-9_$]*)");

	private static final Pattern INDEXED = Pattern.compile("[ap](\\d+)");

	private final int index;

	private final @Nullable MethodHandle property;

	private ArgumentKey(int index, @Nullable MethodHandle property) {
		this.index = index;
		this.property = property;
	}

	/**
	 * Compiles a key expression, if it has one of the shapes read directly.
	 * @param expression the expression as written
	 * @param method the method whose arguments it reads
	 * @param parameterNames discovers the parameters' names
	 * @return the direct reader, or {@code null} when SpEL must evaluate the expression
	 */
	static @Nullable ArgumentKey compile(String expression, Method method, ParameterNameDiscoverer parameterNames) {
		String text = expression.strip();
		Matcher variable = VARIABLE.matcher(text);
		if (variable.matches()) {
			int index = parameterIndex(variable.group(1), method, parameterNames);
			return (index >= 0) ? new ArgumentKey(index, null) : null;
		}
		Matcher property = PROPERTY.matcher(text);
		if (property.matches()) {
			int index = parameterIndex(property.group(1), method, parameterNames);
			MethodHandle getter = (index >= 0) ? getter(method.getParameterTypes()[index], property.group(2)) : null;
			return (getter != null) ? new ArgumentKey(index, getter) : null;
		}
		return null;
	}

	/**
	 * Resolves a variable the way Spring's method-based evaluation context does: the
	 * parameter's own name first, then {@code pN} / {@code aN}. Varargs parameters are
	 * left to SpEL, which may repackage them.
	 */
	private static int parameterIndex(String name, Method method, ParameterNameDiscoverer parameterNames) {
		int count = method.getParameterCount();
		String[] names = parameterNames.getParameterNames(method);
		int index = -1;
		if (names != null) {
			for (int i = 0; i < names.length && index < 0; i++) {
				if (name.equals(names[i])) {
					index = i;
				}
			}
		}
		if (index < 0) {
			Matcher indexed = INDEXED.matcher(name);
			if (indexed.matches() && indexed.group(1).length() < 4) {
				int position = Integer.parseInt(indexed.group(1));
				index = (position < count) ? position : -1;
			}
		}
		if (index >= 0 && method.isVarArgs() && index == count - 1) {
			return -1;
		}
		return index;
	}

	/**
	 * Finds the getter SpEL would call for a property of a parameter type: a bean getter
	 * or, for records, the component accessor. Only public methods of public types, so
	 * that no access check can differ from SpEL's.
	 */
	private static @Nullable MethodHandle getter(Class<?> type, String name) {
		if (type.isPrimitive() || type.isArray() || !Modifier.isPublic(type.getModifiers())) {
			return null;
		}
		Method read = null;
		PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(type, name);
		if (descriptor != null) {
			read = descriptor.getReadMethod();
		}
		if (read == null && type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(name)) {
					read = component.getAccessor();
				}
			}
		}
		if (read == null || !Modifier.isPublic(read.getModifiers())
				|| !Modifier.isPublic(read.getDeclaringClass().getModifiers())) {
			return null;
		}
		try {
			return MethodHandles.publicLookup()
				.unreflect(read)
				.asType(MethodType.methodType(Object.class, Object.class));
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	/**
	 * Reads the key from the arguments.
	 * @param args the method's arguments
	 * @return the key (possibly {@code null}, as SpEL would give it), or
	 * {@link #UNRESOLVED} when SpEL must evaluate the expression
	 */
	@Nullable Object read(@Nullable Object[] args) {
		Object argument = args[this.index];
		MethodHandle getter = this.property;
		if (getter == null) {
			return argument;
		}
		if (argument == null) {
			return UNRESOLVED;
		}
		try {
			return getter.invokeExact(argument);
		}
		catch (Throwable ex) {
			return UNRESOLVED;
		}
	}

}

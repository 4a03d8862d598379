package io.github.tieredcache.serialization;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;
import org.springframework.objenesis.Objenesis;
import org.springframework.objenesis.SpringObjenesis;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;

/**
 * Creates the objects that fields are read into. Records go through their canonical
 * constructor, as Jackson does; any other class through its no-argument constructor
 * (whatever its visibility) when it has one, else without running a constructor at all
 * (Objenesis, as repackaged by Spring), since the stored fields are the object's state
 * and no constructor of the application is meant to rebuild it from them.
 * <p>
 * Only allow-listed classes ever get this far: {@link CacheValueJsonModule} puts a
 * {@link RefusedTypeDeserializer} in front of any other. Thread-safe.
 */
final class StateInstantiators implements ValueInstantiators {

	private static final Objenesis objenesis = new SpringObjenesis();

	@Override
	public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config,
			BeanDescription.Supplier beanDesc) {
		return null;
	}

	@Override
	public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDesc,
			ValueInstantiator defaultInstantiator) {
		Class<?> type = beanDesc.getBeanClass();
		if (!StateIntrospector.hasIdentity(type) || Modifier.isAbstract(type.getModifiers())) {
			return defaultInstantiator;
		}
		return new FieldStateInstantiator(type);
	}

	/**
	 * Creates instances of one class for their fields to be set.
	 */
	private static final class FieldStateInstantiator extends ValueInstantiator.Base {

		private final @Nullable Constructor<?> noArgs;

		FieldStateInstantiator(Class<?> type) {
			super(type);
			this.noArgs = noArgsConstructor(type);
		}

		@Override
		public boolean canCreateUsingDefault() {
			return true;
		}

		@Override
		public Object createUsingDefault(DeserializationContext ctxt) {
			if (this.noArgs == null) {
				return objenesis.newInstance(this._valueType);
			}
			try {
				return this.noArgs.newInstance();
			}
			catch (ReflectiveOperationException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				throw new CacheValueSerializationException("the no-argument constructor of " + this._valueType.getName()
						+ " threw " + cause.getClass().getName(), cause);
			}
		}

		private static @Nullable Constructor<?> noArgsConstructor(Class<?> type) {
			try {
				Constructor<?> constructor = type.getDeclaredConstructor();
				constructor.setAccessible(true);
				return constructor;
			}
			catch (NoSuchMethodException | RuntimeException ex) {
				return null;
			}
		}

	}

}

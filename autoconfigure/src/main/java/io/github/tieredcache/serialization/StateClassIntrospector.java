package io.github.tieredcache.serialization;

import java.util.Map;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AccessorNamingStrategy;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.BasicClassIntrospector;
import tools.jackson.databind.introspect.POJOPropertiesCollector;
import tools.jackson.databind.introspect.POJOPropertyBuilder;

/**
 * Finds the properties of a class as Jackson does, plus one for each superclass field
 * that a subclass field of the same name hides ({@link HiddenFields}): both are part of
 * the object's state, so both are stored. The most derived field keeps its plain name; a
 * hidden one is stored as {@code "BaseEntity.id"}, or under the fully qualified class
 * name if two classes of the hierarchy share a simple name. Classes without hidden fields
 * are introspected exactly as before.
 * <p>
 * Jackson creates one instance per mapper and one per operation; each is confined to its
 * operation.
 */
final class StateClassIntrospector extends BasicClassIntrospector {

	private static final long serialVersionUID = 1L;

	StateClassIntrospector() {
	}

	private StateClassIntrospector(MapperConfig<?> config) {
		super(config);
	}

	@Override
	public BasicClassIntrospector forOperation(MapperConfig<?> config) {
		return new StateClassIntrospector(config);
	}

	@Override
	protected POJOPropertiesCollector constructPropertyCollector(JavaType type, AnnotatedClass classDef,
			boolean forSerialization, AccessorNamingStrategy accessorNaming) {
		return new HiddenFieldsCollector(this._config, forSerialization, type, classDef, accessorNaming);
	}

	/**
	 * Adds a property for each hidden field to those Jackson collects from fields.
	 */
	private static final class HiddenFieldsCollector extends POJOPropertiesCollector {

		HiddenFieldsCollector(MapperConfig<?> config, boolean forSerialization, JavaType type, AnnotatedClass classDef,
				AccessorNamingStrategy accessorNaming) {
			super(config, forSerialization, type, classDef, accessorNaming);
		}

		@Override
		protected void _addFields(Map<String, POJOPropertyBuilder> props) {
			super._addFields(props);
			if (this._type.isRecordType() || this._type.isInterface()) {
				return;
			}
			for (AnnotatedField field : HiddenFields.of(this._type, this._config.getTypeFactory())) {
				String name = HiddenFields.propertyName(field.getAnnotated(), false);
				if (props.containsKey(name)) {
					name = HiddenFields.propertyName(field.getAnnotated(), true);
				}
				PropertyName propertyName = PropertyName.construct(name);
				POJOPropertyBuilder property = new POJOPropertyBuilder(this._config, this._annotationIntrospector,
						this._forSerialization, propertyName);
				property.addField(field, propertyName, false, true, false);
				props.put(name, property);
			}
		}

	}

}

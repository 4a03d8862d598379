package io.github.tieredcache.aspect;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArgumentKey}: which key expressions are read straight from the
 * arguments, and which are left to SpEL.
 */
class ArgumentKeyTests {

	private static final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	@Test
	void parametersByNameOrPositionAreReadDirectly() {
		Method method = method("bySecond", String.class, String.class);
		assertThat(compile("#second", method).read(new Object[] { "a", "b" })).isEqualTo("b");
		assertThat(compile(" #p1 ", method).read(new Object[] { "a", "b" })).isEqualTo("b");
		assertThat(compile("#a0", method).read(new Object[] { "a", "b" })).isEqualTo("a");
		assertThat(compile("#id", method("byId", long.class)).read(new Object[] { 7L })).isEqualTo(7L);
	}

	@Test
	void propertiesAreReadThroughTheirGetterOrRecordAccessor() {
		Method method = method("byQuery", CachedKeyTests.Query.class);
		assertThat(compile("#query.id", method).read(new Object[] { new CachedKeyTests.Query("q", 1) })).isEqualTo("q");
		assertThat(compile("#query.id", method).read(new Object[] { null })).isSameAs(ArgumentKey.UNRESOLVED);
		Method criteria = method("byCriteria", CachedKeyTests.Criteria.class);
		assertThat(compile("#criteria.code", criteria).read(new Object[] { new CachedKeyTests.Criteria("x") }))
			.isEqualTo("X");
		assertThat(compile("#criteria.code", criteria).read(new Object[] { new CachedKeyTests.Criteria(null) }))
			.isSameAs(ArgumentKey.UNRESOLVED);
	}

	@Test
	void everythingElseIsLeftToSpel() {
		Method method = method("bySecond", String.class, String.class);
		assertThat(ArgumentKey.compile("#second + 'x'", method, names)).isNull();
		assertThat(ArgumentKey.compile("#root.args[0]", method, names)).isNull();
		assertThat(ArgumentKey.compile("#unknown", method, names)).isNull();
		assertThat(ArgumentKey.compile("#p2", method, names)).isNull();
		assertThat(ArgumentKey.compile("#second.length", method, names)).isNull();
		assertThat(ArgumentKey.compile("#query.missing", method("byQuery", CachedKeyTests.Query.class), names))
			.isNull();
		assertThat(ArgumentKey.compile("#values", method("sum", int[].class), names)).isNull();
	}

	private static ArgumentKey compile(String expression, Method method) {
		ArgumentKey key = ArgumentKey.compile(expression, method, names);
		assertThat(key).as(expression).isNotNull();
		return key;
	}

	private static Method method(String name, Class<?>... parameterTypes) {
		Class<?> owner = name.equals("sum") ? PriceService.class : CachedKeyTests.Catalog.class;
		Method method = ReflectionUtils.findMethod(owner, name, parameterTypes);
		assertThat(method).as(name).isNotNull();
		return method;
	}

}

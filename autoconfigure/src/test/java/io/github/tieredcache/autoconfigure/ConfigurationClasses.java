package io.github.tieredcache.autoconfigure;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the configuration classes behind auto-configurations, for the tests that check
 * every bean they define.
 */
final class ConfigurationClasses {

	private ConfigurationClasses() {
	}

	/**
	 * Returns the given classes and every configuration class they import or nest, so
	 * that a bean added to any of them is covered.
	 * @param roots the auto-configurations
	 * @return the classes, roots first
	 */
	static Set<Class<?>> reachableFrom(Collection<Class<?>> roots) {
		Set<Class<?>> found = new LinkedHashSet<>();
		Deque<Class<?>> pending = new ArrayDeque<>(roots);
		while (!pending.isEmpty()) {
			Class<?> type = pending.pop();
			if (!found.add(type)) {
				continue;
			}
			Import imports = AnnotatedElementUtils.findMergedAnnotation(type, Import.class);
			if (imports != null) {
				pending.addAll(Arrays.asList(imports.value()));
			}
			Arrays.stream(type.getDeclaredClasses())
				.filter((nested) -> AnnotatedElementUtils.hasAnnotation(nested, Configuration.class))
				.forEach(pending::add);
		}
		return found;
	}

}

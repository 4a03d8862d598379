package io.github.tieredcache;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.tieredcache.cache.TieredCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@code docs/api.md} to the compiled library: every public top-level type of
 * {@code io.github.tieredcache} is listed there (as use, extend or internal), and
 * everything listed there exists and is public.
 */
class ApiPageTests {

	private static final Path API_PAGE = Path.of("..", "docs", "api.md");

	private static final Pattern PACKAGE_HEADING = Pattern.compile("^### `(io\\.github\\.tieredcache[\\w.]*)`");

	private static final Pattern TYPE_ITEM = Pattern.compile("^- `(\\w+)`");

	@Test
	void everyPublicTypeIsListedOnTheApiPage() throws Exception {
		Map<String, Integer> listed = listedTypes();
		List<String> problems = new ArrayList<>();
		for (String type : publicTopLevelTypes()) {
			if (!listed.containsKey(type)) {
				problems.add(type + " is public but not listed in docs/api.md: make it package-private, or list it"
						+ " under its package in the Use, Extend or Internal section with one line on what it is for");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyTypeOnTheApiPageIsPublicAndListedOnce() throws Exception {
		List<String> problems = new ArrayList<>();
		listedTypes().forEach((type, times) -> {
			if (times > 1) {
				problems.add(type + " is listed " + times + " times in docs/api.md: keep it in one section only");
			}
			try {
				Class<?> found = Class.forName(type, false, getClass().getClassLoader());
				if (!Modifier.isPublic(found.getModifiers())) {
					problems.add(type + " is listed in docs/api.md but is not public: remove it from the page");
				}
			}
			catch (ClassNotFoundException ex) {
				problems.add(type + " is listed in docs/api.md but does not exist: fix its name or package,"
						+ " or remove it from the page");
			}
		});
		assertThat(problems).isEmpty();
	}

	private static Map<String, Integer> listedTypes() throws IOException {
		Map<String, Integer> listed = new TreeMap<>();
		String currentPackage = null;
		for (String line : Files.readAllLines(API_PAGE)) {
			Matcher heading = PACKAGE_HEADING.matcher(line);
			if (heading.find()) {
				currentPackage = heading.group(1);
				continue;
			}
			if (line.startsWith("#")) {
				currentPackage = null;
				continue;
			}
			Matcher item = TYPE_ITEM.matcher(line);
			if (currentPackage != null && item.find()) {
				listed.merge(currentPackage + "." + item.group(1), 1, Integer::sum);
			}
		}
		assertThat(listed).as("types listed in %s", API_PAGE).isNotEmpty();
		return listed;
	}

	private static TreeSet<String> publicTopLevelTypes() throws IOException, URISyntaxException {
		Path classes = Path.of(TieredCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		TreeSet<String> types = new TreeSet<>();
		try (Stream<Path> files = Files.walk(classes.resolve("io/github/tieredcache"))) {
			files.map((file) -> classes.relativize(file).toString().replace('\\', '/'))
				.filter((name) -> name.endsWith(".class") && !name.contains("$")
						&& !name.endsWith("package-info.class"))
				.map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
				.filter(ApiPageTests::isPublic)
				.forEach(types::add);
		}
		assertThat(types).as("public types under %s", classes).contains(TieredCache.class.getName());
		return types;
	}

	private static boolean isPublic(String className) {
		try {
			return Modifier
				.isPublic(Class.forName(className, false, ApiPageTests.class.getClassLoader()).getModifiers());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

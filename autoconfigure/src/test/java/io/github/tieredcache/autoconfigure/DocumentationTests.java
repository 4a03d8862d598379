package io.github.tieredcache.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps the documentation ({@code README.md} and {@code docs/*.md}) in step with the
 * code: every {@code tiered-cache.*} property it names, in the text or in a YAML example,
 * exists; every {@code io.github.tieredcache} class or package it names exists; and the
 * bean tables of {@code docs/configuration.md} list every bean the auto-configurations
 * define, under bean names that exist. Each failure names the page, the line and the fix.
 */
class DocumentationTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String ADDITIONAL_METADATA = "META-INF/additional-spring-configuration-metadata.json";

	private static final String AUTO_CONFIGURATIONS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/** System properties of the tests themselves, documented in docs/testing.md. */
	private static final Set<String> TEST_SYSTEM_PROPERTIES = Set.of("tiered-cache.test.outage-seconds");

	private static final Pattern PROPERTY = Pattern.compile("tiered-cache\\.[A-Za-z0-9_\\-.\\[\\]<>*]*");

	private static final Pattern QUALIFIED_NAME = Pattern.compile("io\\.github\\.tieredcache(?:\\.[A-Za-z_]\\w*)*");

	private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\[([^\\]]*)\\]");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern BEAN_NAMES = Pattern.compile("named `(\\w+)`(?: or `(\\w+)`)?");

	private static final String BEAN_SECTION = "## Replacing beans";

	private static Map<String, JsonNode> metadata;

	private static List<Page> pages;

	private static Path root;

	@BeforeAll
	static void readMetadataAndPages() throws IOException {
		Map<String, JsonNode> found = new TreeMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		ClassLoader classLoader = DocumentationTests.class.getClassLoader();
		for (String location : List.of(METADATA, ADDITIONAL_METADATA)) {
			for (URL resource : Collections.list(classLoader.getResources(location))) {
				try (InputStream content = resource.openStream()) {
					JsonNode root = mapper.readTree(content);
					for (String kind : List.of("groups", "properties")) {
						for (JsonNode entry : root.path(kind).values()) {
							found.putIfAbsent(entry.path("name").asString(), entry);
						}
					}
				}
			}
		}
		assertThat(found).as("configuration metadata (%s)", METADATA).containsKey("tiered-cache.enabled");
		metadata = found;
		root = projectRoot();
		List<Page> read = new ArrayList<>();
		read.add(Page.read(root, root.resolve("README.md")));
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			for (Path path : docs.filter((path) -> path.toString().endsWith(".md")).sorted().toList()) {
				read.add(Page.read(root, path));
			}
		}
		pages = read;
	}

	@Test
	void everyPropertyNamedInTheTextExists() {
		List<String> problems = new ArrayList<>();
		for (Page page : pages) {
			for (int i = 0; i < page.lines().size(); i++) {
				Matcher matcher = PROPERTY.matcher(page.lines().get(i));
				while (matcher.find()) {
					String name = matcher.group();
					String problem = checkProperty(name);
					if (problem != null) {
						problems.add("%s:%d: '%s' %s".formatted(page.name(), i + 1, name, problem));
					}
				}
			}
		}
		assertNoProblems(problems);
	}

	@Test
	void everyPropertySetInAYamlExampleExists() {
		List<String> problems = new ArrayList<>();
		for (Page page : pages) {
			for (YamlBlock block : page.yamlBlocks()) {
				Node root;
				try {
					root = new Yaml().compose(new StringReader(block.content()));
				}
				catch (RuntimeException ex) {
					problems.add("%s:%d: the YAML example does not parse (%s); fix its indentation or syntax"
						.formatted(page.name(), block.firstLine(), ex.getMessage().lines().findFirst().orElse("")));
					continue;
				}
				Map<String, Integer> leaves = new TreeMap<>();
				if (root != null) {
					collectLeaves(root, "", leaves);
				}
				leaves.forEach((name, line) -> {
					if (name.startsWith("tiered-cache.")) {
						String problem = checkProperty(name);
						if (problem != null) {
							problems.add("%s:%d: '%s' (YAML example) %s".formatted(page.name(),
									block.firstLine() + line, name, problem));
						}
					}
				});
			}
		}
		assertNoProblems(problems);
	}

	@Test
	void everyClassAndPackageNamedExists() throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<String> problems = new ArrayList<>();
		for (Page page : pages) {
			for (int i = 0; i < page.lines().size(); i++) {
				Matcher matcher = QUALIFIED_NAME.matcher(page.lines().get(i));
				while (matcher.find()) {
					String name = matcher.group();
					if (!exists(name, resolver)) {
						problems.add("%s:%d: '%s' is neither a class nor a package of the project; correct the name "
							.formatted(page.name(), i + 1, name) + "(it may have been renamed or moved) or remove it");
					}
				}
			}
		}
		assertNoProblems(problems);
	}

	@Test
	void beanTablesListEveryAutoConfiguredBean() throws IOException {
		Page configuration = page("docs/configuration.md");
		int start = configuration.lines().indexOf(BEAN_SECTION);
		assertThat(start).as("section '%s' of %s", BEAN_SECTION, configuration.name()).isNotNegative();
		Set<String> listed = new LinkedHashSet<>();
		for (String line : configuration.section(start)) {
			Matcher code = CODE.matcher(line);
			while (code.find()) {
				listed.add(code.group(1));
			}
		}
		List<String> problems = new ArrayList<>();
		for (Method method : beanMethods()) {
			Class<?> type = method.getReturnType();
			boolean found = listed.stream()
				.anyMatch((name) -> name.equals(type.getName()) || name.equals(type.getSimpleName())
						|| name.endsWith("." + type.getSimpleName()));
			if (!found) {
				String table = AnnotatedElementUtils.hasAnnotation(method, ConditionalOnMissingBean.class)
						? "the table of beans that back off" : "the table of beans that do not back off";
				problems.add("%s:%d: no row for %s, the type of @Bean method %s.%s(); add a row naming `%s` to %s"
					.formatted(configuration.name(), start + 1, type.getName(),
							method.getDeclaringClass().getSimpleName(), method.getName(), type.getName(), table));
			}
		}
		assertNoProblems(problems);
	}

	@Test
	void beanNamesInTheBeanTablesExist() throws IOException {
		Set<String> beanNames = new LinkedHashSet<>();
		for (Method method : beanMethods()) {
			Bean bean = AnnotatedElementUtils.findMergedAnnotation(method, Bean.class);
			beanNames.addAll((bean.name().length > 0) ? Arrays.asList(bean.name()) : List.of(method.getName()));
			ConditionalOnMissingBean missing = AnnotatedElementUtils.findMergedAnnotation(method,
					ConditionalOnMissingBean.class);
			if (missing != null) {
				beanNames.addAll(Arrays.asList(missing.name()));
			}
		}
		Page configuration = page("docs/configuration.md");
		int start = configuration.lines().indexOf(BEAN_SECTION);
		List<String> section = configuration.section(start);
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < section.size(); i++) {
			Matcher matcher = BEAN_NAMES.matcher(section.get(i));
			while (matcher.find()) {
				for (String name : new String[] { matcher.group(1), matcher.group(2) }) {
					if (name != null && !beanNames.contains(name)) {
						problems
							.add("%s:%d: no auto-configured bean is named '%s' (nor is one backed off by that name); "
								.formatted(configuration.name(), start + i + 1, name) + "use one of " + beanNames);
					}
				}
			}
		}
		assertNoProblems(problems);
	}

	/**
	 * Returns why the given property name is wrong, or {@code null} when it is a
	 * configuration property, a group of them, or an entry of a map or list property.
	 */
	private static @Nullable String checkProperty(String mention) {
		String name = mention.replaceAll("(\\.\\*|\\[\\]|\\.)+$", "");
		if (TEST_SYSTEM_PROPERTIES.contains(name) || isPropertyOrGroup(name)) {
			return null;
		}
		for (String candidate = name; candidate.contains("."); candidate = parent(candidate)) {
			JsonNode property = metadata.get(candidate);
			if (property != null && property.has("sourceType")) {
				Type type = propertyType(property, candidate);
				if (type == null) {
					break;
				}
				String rest = name.substring(candidate.length());
				String problem = resolve(type, rest);
				return (problem != null) ? problem + " (under " + candidate + "); correct the name" : null;
			}
		}
		return "is not a configuration property (not in " + METADATA + "); correct the name, or add the property "
				+ "to TieredCacheProperties with a javadoc so that it gets IDE metadata";
	}

	private static boolean isPropertyOrGroup(String name) {
		return metadata.containsKey(name)
				|| metadata.keySet().stream().anyMatch((known) -> known.startsWith(name + "."));
	}

	private static String parent(String name) {
		int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
		return (cut > 0) ? name.substring(0, cut) : "";
	}

	private static @Nullable Type propertyType(JsonNode property, String name) {
		Class<?> source = ClassUtils.resolveClassName(property.path("sourceType").asString(), null);
		String simpleName = name.substring(name.lastIndexOf('.') + 1);
		PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(source, camelCase(simpleName));
		return (descriptor != null && descriptor.getReadMethod() != null)
				? descriptor.getReadMethod().getGenericReturnType() : null;
	}

	/**
	 * Follows the remaining segments ({@code .name}, {@code [index]}, map keys) of a
	 * property name through the type bound to it; returns what does not match.
	 */
	private static @Nullable String resolve(Type type, String rest) {
		Matcher matcher = SEGMENT.matcher(rest);
		Type current = type;
		int position = 0;
		while (position < rest.length()) {
			if (!matcher.find(position) || matcher.start() != position) {
				return "has an unreadable segment '" + rest.substring(position) + "'";
			}
			position = matcher.end();
			Class<?> raw = rawClass(current);
			if (Map.class.isAssignableFrom(raw)) {
				current = typeArgument(current, 1);
			}
			else if (Collection.class.isAssignableFrom(raw)) {
				if (matcher.group(2) == null) {
					return "has '." + matcher.group(1) + "' where a list index ([0]) belongs";
				}
				current = typeArgument(current, 0);
			}
			else if (isLeaf(raw) || matcher.group(1) == null) {
				return "goes past " + raw.getSimpleName() + " value with '" + matcher.group() + "'";
			}
			else {
				PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(raw, camelCase(matcher.group(1)));
				if (descriptor == null || descriptor.getReadMethod() == null) {
					return "has '" + matcher.group(1) + "', which is no setting of " + raw.getSimpleName();
				}
				current = descriptor.getReadMethod().getGenericReturnType();
			}
		}
		return null;
	}

	private static boolean isLeaf(Class<?> type) {
		return ClassUtils.isPrimitiveOrWrapper(type) || type.isEnum() || type.getName().startsWith("java.")
				|| type.getName().startsWith("org.springframework.util.unit.");
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		return (type instanceof Class<?> plain) ? plain : Object.class;
	}

	private static Type typeArgument(Type type, int index) {
		return (type instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[index]
				: Object.class;
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	private static void collectLeaves(Node node, String prefix, Map<String, Integer> leaves) {
		if (node instanceof MappingNode mapping) {
			for (NodeTuple tuple : mapping.getValue()) {
				String key = ((ScalarNode) tuple.getKeyNode()).getValue();
				String name = prefix.isEmpty() ? key : prefix + "." + key;
				if (tuple.getValueNode() instanceof ScalarNode) {
					leaves.put(name, tuple.getKeyNode().getStartMark().getLine() + 1);
				}
				collectLeaves(tuple.getValueNode(), name, leaves);
			}
		}
		else if (node instanceof SequenceNode sequence) {
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				String name = prefix + "[" + i + "]";
				if (items.get(i) instanceof ScalarNode) {
					leaves.put(name, items.get(i).getStartMark().getLine() + 1);
				}
				collectLeaves(items.get(i), name, leaves);
			}
		}
	}

	/**
	 * Whether the name is a class (perhaps followed by a nested class or a member) or a
	 * package, on this module's class path or in the sources of another module (the
	 * sample application, the benchmarks).
	 */
	private static boolean exists(String name, PathMatchingResourcePatternResolver resolver) throws IOException {
		String[] segments = name.split("\\.");
		StringBuilder candidate = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			candidate.append((i > 0) ? "." : "").append(segments[i]);
			if (Character.isUpperCase(segments[i].charAt(0))) {
				return ClassUtils.isPresent(candidate.toString(), DocumentationTests.class.getClassLoader())
						|| inSources(candidate.toString().replace('.', '/') + ".java");
			}
		}
		String path = name.replace('.', '/');
		return resolver.getResources("classpath*:" + path + "/**/*.class").length > 0 || inSources(path);
	}

	private static boolean inSources(String path) throws IOException {
		try (Stream<Path> modules = Files.list(root)) {
			return modules.filter(Files::isDirectory)
				.flatMap((module) -> Stream.of("main", "test")
					.map((kind) -> module.resolve("src").resolve(kind).resolve("java").resolve(path)))
				.anyMatch(Files::exists);
		}
	}

	/**
	 * Returns the {@code @Bean} methods of every auto-configuration and of every
	 * configuration class it imports or nests.
	 */
	private static List<Method> beanMethods() throws IOException {
		Deque<Class<?>> pending = new ArrayDeque<>();
		try (InputStream imports = DocumentationTests.class.getClassLoader().getResourceAsStream(AUTO_CONFIGURATIONS)) {
			assertThat(imports).as(AUTO_CONFIGURATIONS).isNotNull();
			new String(imports.readAllBytes()).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach((line) -> pending.add(ClassUtils.resolveClassName(line, null)));
		}
		Set<Class<?>> found = ConfigurationClasses.reachableFrom(pending);
		return found.stream()
			.flatMap((type) -> Arrays.stream(type.getDeclaredMethods()))
			.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, Bean.class))
			.toList();
	}

	private static Page page(String name) {
		return pages.stream()
			.filter((page) -> page.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No page " + name));
	}

	private static Path projectRoot() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("docs/configuration.md"))) {
				return directory;
			}
		}
		throw new AssertionError("No docs/configuration.md above " + Path.of("").toAbsolutePath());
	}

	private static void assertNoProblems(List<String> problems) {
		if (!problems.isEmpty()) {
			fail(problems.size() + " documentation problem(s):\n" + String.join("\n", problems));
		}
	}

	private record Page(String name, List<String> lines) {

		static Page read(Path root, Path path) throws IOException {
			return new Page(root.relativize(path).toString().replace('\\', '/'), Files.readAllLines(path));
		}

		/**
		 * The lines from the heading at {@code start} up to the next heading of its
		 * level.
		 */
		List<String> section(int start) {
			List<String> section = new ArrayList<>();
			for (int i = start; i < this.lines.size(); i++) {
				if (i > start && this.lines.get(i).startsWith("## ")) {
					break;
				}
				section.add(this.lines.get(i));
			}
			return section;
		}

		List<YamlBlock> yamlBlocks() {
			List<YamlBlock> blocks = new ArrayList<>();
			StringBuilder content = null;
			int fence = 0;
			for (int i = 0; i < this.lines.size(); i++) {
				String line = this.lines.get(i);
				if (content == null && line.strip().equals("```yaml")) {
					content = new StringBuilder();
					fence = i + 1;
				}
				else if (content != null && line.strip().equals("```")) {
					blocks.add(new YamlBlock(fence, content.toString()));
					content = null;
				}
				else if (content != null && !line.strip().equals("...")) {
					// "..." marks what an excerpt leaves out; the line numbers stay
					content.append(line).append('\n');
				}
				else if (content != null) {
					content.append('\n');
				}
			}
			return blocks;
		}

	}

	/**
	 * A fenced YAML example; {@code firstLine} is the (1-based) line of its fence, so
	 * that {@code firstLine + n} is its {@code n}th line.
	 */
	private record YamlBlock(int firstLine, String content) {

	}

}

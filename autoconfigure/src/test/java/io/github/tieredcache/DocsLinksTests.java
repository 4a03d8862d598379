package io.github.tieredcache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the project's pages to each other: every relative link in {@code README.md},
 * {@code docs/} and {@code benchmarks/README.md} names a file that exists and, when it
 * names a heading ({@code page.md#heading}), a heading that exists, as GitHub derives its
 * anchor.
 */
class DocsLinksTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");

	@Test
	void everyRelativeLinkNamesAnExistingFileAndHeading() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path page : pages()) {
			for (String link : links(page)) {
				String problem = check(page, link);
				if (problem != null) {
					problems.add(ROOT.relativize(page) + ": " + problem);
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void anchorsFollowGitHubsRules() {
		assertThat(anchor("Miss: run the method, fill the cache")).isEqualTo("miss-run-the-method-fill-the-cache");
		assertThat(anchor("L1 hit: `TieredCache.get(key)` vs Caffeine `getIfPresent`"))
			.isEqualTo("l1-hit-tieredcachegetkey-vs-caffeine-getifpresent");
		assertThat(anchor("Where the sample's Redis comes from (2026-12-06, later)"))
			.isEqualTo("where-the-samples-redis-comes-from-2026-12-06-later");
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		pages.add(ROOT.resolve("benchmarks").resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		assertThat(pages).allMatch(Files::isRegularFile);
		return pages;
	}

	/**
	 * The relative links of a page, outside code blocks.
	 */
	private static List<String> links(Path page) throws IOException {
		List<String> links = new ArrayList<>();
		boolean code = false;
		for (String line : Files.readAllLines(page)) {
			if (line.stripLeading().startsWith("```")) {
				code = !code;
				continue;
			}
			if (code) {
				continue;
			}
			Matcher link = LINK.matcher(line);
			while (link.find()) {
				String target = link.group(1);
				if (!target.contains("://") && !target.startsWith("mailto:")) {
					links.add(target);
				}
			}
		}
		return links;
	}

	private static String check(Path page, String link) throws IOException {
		int hash = link.indexOf('#');
		String file = (hash >= 0) ? link.substring(0, hash) : link;
		String heading = (hash >= 0) ? link.substring(hash + 1) : null;
		Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!Files.exists(target)) {
			return "link '" + link + "' names " + file + ", which does not exist";
		}
		if (heading != null && target.toString().endsWith(".md") && !anchors(target).contains(heading)) {
			return "link '" + link + "' names a heading that " + ROOT.relativize(target)
					+ " does not have; link to one of its headings as GitHub spells its anchor";
		}
		return null;
	}

	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean code = false;
		for (String line : Files.readAllLines(page)) {
			if (line.stripLeading().startsWith("```")) {
				code = !code;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!code && heading.matches()) {
				String anchor = anchor(heading.group(1));
				int times = seen.merge(anchor, 1, Integer::sum);
				anchors.add((times == 1) ? anchor : anchor + "-" + (times - 1));
			}
		}
		return anchors;
	}

	/**
	 * GitHub's anchor of a heading: lower case, punctuation other than hyphens and
	 * underscores dropped, spaces made hyphens.
	 */
	private static String anchor(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\-_ ]", "").replace(' ', '-');
	}

}

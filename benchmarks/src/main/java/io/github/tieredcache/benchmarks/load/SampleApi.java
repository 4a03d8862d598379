package io.github.tieredcache.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample application's HTTP API, as the load generator uses it:
 * {@code GET /exploits?chain=}, {@code GET /exploits/{id}}, {@code POST /exploits},
 * {@code PUT /exploits/{id}}, {@code GET /stats} and {@code GET /actuator/prometheus}.
 *
 * <p>
 * Thread-safe: one {@link HttpClient} shared by all workers.
 */
public final class SampleApi {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final URI baseUrl;

	private final Duration timeout;

	private final HttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Creates a client of the API.
	 * @param baseUrl the application's base URL, such as {@code http://localhost:8080}
	 */
	public SampleApi(URI baseUrl) {
		this(baseUrl, DEFAULT_TIMEOUT);
	}

	/**
	 * Creates a client of the API whose requests time out after the given time.
	 * @param baseUrl the application's base URL, such as {@code http://localhost:8080}
	 * @param timeout how long a request may take, response included
	 */
	public SampleApi(URI baseUrl, Duration timeout) {
		this.timeout = timeout;
		String text = baseUrl.toString();
		this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Reads a chain's exploits, newest first.
	 * @param chain the chain
	 * @return the exploits
	 * @throws IOException on a transport error or a status other than 200
	 * @throws InterruptedException if interrupted
	 */
	public List<Exploit> list(String chain) throws IOException, InterruptedException {
		JsonNode body = send(get("exploits?chain=" + URLEncoder.encode(chain, StandardCharsets.UTF_8)), 200);
		List<Exploit> exploits = new ArrayList<>(body.size());
		for (JsonNode node : body) {
			exploits.add(Exploit.of(node));
		}
		return exploits;
	}

	/**
	 * Reads one exploit.
	 * @param id the id
	 * @return the exploit
	 * @throws IOException on a transport error or a status other than 200
	 * @throws InterruptedException if interrupted
	 */
	public Exploit get(long id) throws IOException, InterruptedException {
		return Exploit.of(send(get("exploits/" + id), 200));
	}

	/**
	 * Creates an exploit.
	 * @param chain the chain
	 * @param name the name
	 * @param severity the severity
	 * @return the created exploit, with its id
	 * @throws IOException on a transport error or a status other than 201
	 * @throws InterruptedException if interrupted
	 */
	public Exploit create(String chain, String name, Object severity) throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("chain", chain);
		body.put("name", name);
		body.put("severity", severity);
		return Exploit.of(send(write("POST", "exploits", body), 201));
	}

	/**
	 * Updates an exploit's name and severity.
	 * @param id the id
	 * @param name the new name
	 * @param severity the new severity
	 * @return the updated exploit if the response has a body, else {@code null}
	 * @throws IOException on a transport error or a status other than 200 or 204
	 * @throws InterruptedException if interrupted
	 */
	public @Nullable Exploit update(long id, String name, Object severity) throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("severity", severity);
		HttpResponse<String> response = this.client.send(write("PUT", "exploits/" + id, body),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 204 || (response.statusCode() == 200 && response.body().isBlank())) {
			return null;
		}
		return Exploit.of(parse(response, 200));
	}

	/**
	 * Counts a view of an exploit ({@code POST /exploits/{id}/views}, written behind the
	 * cache).
	 * @param id the exploit
	 * @return the view count after this view, as the application answered
	 * @throws IOException on a transport error or a status other than 200
	 * @throws InterruptedException if interrupted
	 */
	public long view(long id) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve("exploits/" + id + "/views"))
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		JsonNode count = send(request, 200);
		if (!count.isNumber()) {
			throw new IOException("POST " + request.uri().getPath() + " answered " + abbreviate(count.toString())
					+ " rather than the view count");
		}
		return count.asLong();
	}

	/**
	 * Returns the body of {@code GET /actuator/prometheus}.
	 * @return the scrape
	 * @throws IOException on a transport error or a status other than 200
	 * @throws InterruptedException if interrupted
	 */
	public String prometheus() throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(get("actuator/prometheus"),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new UnexpectedStatusException(response.statusCode(),
					"GET /actuator/prometheus → " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * Returns how many database queries the application has run.
	 * @return the count from {@code GET /stats}
	 * @throws IOException on a transport error or a status other than 200
	 * @throws InterruptedException if interrupted
	 */
	public long queries() throws IOException, InterruptedException {
		JsonNode stats = send(get("stats"), 200);
		JsonNode queries = stats.path("queries");
		if (!queries.isNumber()) {
			throw new IOException("GET " + this.baseUrl.resolve("stats") + " returned " + abbreviate(stats.toString())
					+ " rather than {\"queries\": n}: is this the sample application with the exploit API?");
		}
		return queries.asLong();
	}

	/**
	 * Returns the tiered cache's gets per tier from {@code /actuator/prometheus}, or
	 * {@link TierCounts#NONE} when the application exposes no such endpoint or meters
	 * (with caching off).
	 * @return the counts
	 * @throws IOException on a transport error
	 * @throws InterruptedException if interrupted
	 */
	public TierCounts tierCounts() throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(get("actuator/prometheus"),
				HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? TierCounts.parse(response.body()) : TierCounts.NONE;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(this.timeout)
			.header("Accept", "application/json, text/plain;q=0.9")
			.GET()
			.build();
	}

	private HttpRequest write(String method, String path, Map<String, Object> body) {
		return HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
	}

	private JsonNode send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
		return parse(this.client.send(request, HttpResponse.BodyHandlers.ofString()), expectedStatus);
	}

	private JsonNode parse(HttpResponse<String> response, int expectedStatus) throws IOException {
		if (response.statusCode() != expectedStatus) {
			throw new UnexpectedStatusException(response.statusCode(),
					response.request().method() + " " + response.uri().getPath() + " → " + response.statusCode()
							+ " (expected " + expectedStatus + "): " + abbreviate(response.body()));
		}
		try {
			return this.json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			throw new IOException("Not JSON from " + response.uri() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * An exploit as the API returns it; fields the generator does not use are ignored.
	 *
	 * @param id the id
	 * @param chain the chain
	 * @param version the version, or {@code null} if the API returns none
	 */
	public record Exploit(long id, @Nullable String chain, @Nullable Long version) {

		static Exploit of(JsonNode node) throws IOException {
			JsonNode id = node.path("id");
			if (!id.isNumber() && !id.isString()) {
				throw new IOException("An exploit without an id: " + node);
			}
			JsonNode chain = node.path("chain");
			JsonNode version = node.path("version");
			return new Exploit(id.asLong(), chain.isString() ? chain.asString() : null,
					version.isNumber() ? version.asLong() : null);
		}

	}

	/** A response with a status the API does not use for that request. */
	public static final class UnexpectedStatusException extends IOException {

		private final int status;

		UnexpectedStatusException(int status, String message) {
			super(message);
			this.status = status;
		}

		/**
		 * Returns the HTTP status the application answered.
		 * @return the status
		 */
		public int status() {
			return this.status;
		}

	}

}

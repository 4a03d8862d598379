package io.github.tieredcache.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory stand-in for the sample application's API, with a list cache that either
 * is invalidated on every create and update (correct) or never (stale), and counters
 * served in Prometheus's text format.
 */
final class FakeSampleApp implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final boolean invalidateOnCreate;

	private final Map<Long, Row> rows = new ConcurrentHashMap<>();

	private final Map<String, String> listCache = new ConcurrentHashMap<>();

	// Per chain, how many creates it had: a list read before a create is not cached
	private final Map<String, AtomicLong> creates = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicLong queries = new AtomicLong();

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	FakeSampleApp(boolean invalidateOnCreate) throws IOException {
		this.invalidateOnCreate = invalidateOnCreate;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/exploits", this::exploits);
		this.server.createContext("/stats",
				(exchange) -> respond(exchange, 200, "{\"queries\": " + this.queries.get() + "}"));
		this.server.createContext("/actuator/prometheus", (exchange) -> respond(exchange, 200,
				"tiered_cache_gets_total{cache=\"exploits\",result=\"hit\",tier=\"l1\"} " + this.hits.get() + ".0\n"
						+ "tiered_cache_gets_total{cache=\"exploits\",result=\"miss\",tier=\"l1\"} " + this.misses.get()
						+ ".0\n" + "tiered_cache_gets_total{cache=\"exploits\",result=\"miss\",tier=\"l2\"} "
						+ this.misses.get() + ".0\n"));
		this.server.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void exploits(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/exploits") && method.equals("GET")) {
			String chain = exchange.getRequestURI().getQuery().substring("chain=".length());
			String cached = this.listCache.get(chain);
			if (cached != null) {
				this.hits.incrementAndGet();
				respond(exchange, 200, cached);
				return;
			}
			this.misses.incrementAndGet();
			this.queries.incrementAndGet();
			AtomicLong createsOfChain = creates(chain);
			long createsBefore = createsOfChain.get();
			List<Row> list = this.rows.values()
				.stream()
				.filter((row) -> row.chain().equals(chain))
				.sorted((a, b) -> Long.compare(b.id(), a.id()))
				.limit(50)
				.toList();
			String body = this.json.writeValueAsString(list);
			// Checked and stored under the entry's lock, which a create's removal waits
			// for
			this.listCache.compute(chain,
					(key, present) -> (present == null && createsOfChain.get() == createsBefore) ? body : present);
			respond(exchange, 200, body);
		}
		else if (path.equals("/exploits") && method.equals("POST")) {
			JsonNode request = this.json.readTree(exchange.getRequestBody());
			Row row = new Row(this.ids.incrementAndGet(), request.path("chain").asString(),
					request.path("name").asString(), request.path("severity").asString(), 1);
			this.rows.put(row.id(), row);
			this.queries.incrementAndGet();
			if (this.invalidateOnCreate) {
				creates(row.chain()).incrementAndGet();
				this.listCache.remove(row.chain());
			}
			respond(exchange, 201, this.json.writeValueAsString(row));
		}
		else if (method.equals("GET")) {
			Row row = this.rows.get(Long.parseLong(path.substring("/exploits/".length())));
			this.queries.incrementAndGet();
			respond(exchange, (row != null) ? 200 : 404, this.json.writeValueAsString(row));
		}
		else if (method.equals("PUT")) {
			long id = Long.parseLong(path.substring("/exploits/".length()));
			JsonNode request = this.json.readTree(exchange.getRequestBody());
			Row updated = this.rows.computeIfPresent(id, (key, row) -> new Row(id, row.chain(),
					request.path("name").asString(), request.path("severity").asString(), row.version() + 1));
			this.queries.incrementAndGet();
			if (updated != null && this.invalidateOnCreate) {
				// the list shows versions too
				creates(updated.chain()).incrementAndGet();
				this.listCache.remove(updated.chain());
			}
			respond(exchange, (updated != null) ? 200 : 404, this.json.writeValueAsString(updated));
		}
		else {
			respond(exchange, 405, "{}");
		}
	}

	private AtomicLong creates(String chain) {
		return this.creates.computeIfAbsent(chain, (key) -> new AtomicLong());
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Row(long id, String chain, String name, String severity, long version) {

	}

}

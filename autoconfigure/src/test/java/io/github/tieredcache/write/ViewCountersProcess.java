package io.github.tieredcache.write;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application instance with view counters in a process of its own, for the test that
 * kills it with SIGKILL: it queues three writes of each of {@value #KEYS} keys, reads
 * their stream entries and holds those not superseded, lets the delay pass and blocks the
 * writes it starts inside their transactions (so it holds their keys' locks as well),
 * prints {@value #READY} and waits to be killed.
 *
 * <p>
 * Arguments: the application's command line (Redis URL, shared database, key prefix,
 * write-behind settings), as {@link WriteBehindProcessKillTests} passes it.
 */
final class ViewCountersProcess {

	/** The line printed once the entries are held and the first writes are blocked. */
	static final String READY = "view-counters-process-ready";

	/** Keys written, from 1. */
	static final int KEYS = 20;

	/**
	 * Writes per key; the last one of key {@code id} writes {@code id * 100 + WRITES}.
	 */
	static final int WRITES = 3;

	/**
	 * Entries the process holds: each key's oldest (timing the delay) and newest; the
	 * writes between are acknowledged as superseded when read.
	 */
	static final int HELD = KEYS * 2;

	private ViewCountersProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		for (long id = 1; id <= KEYS; id++) {
			ViewCounters.holds.put(id, never);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ViewsApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		ViewCounters counters = context.getBean(ViewCounters.class);
		WriteBehindQueues queues = context.getBean(WriteBehindQueues.class);
		for (long id = 1; id <= KEYS; id++) {
			for (long count = 1; count <= WRITES; count++) {
				counters.saveViews(id, id * 100 + count);
			}
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queues.worker("views").heldCount() == HELD);
		ViewsApplication.clock.advance(context.getEnvironment()
			.getRequiredProperty("tiered-cache.caches.views.write-behind.delay", Duration.class));
		int concurrency = WriteBehindSettings.DEFAULT_CONCURRENCY;
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> ViewCounters.runs.stream().filter(ViewCounters.Run::started).count() == concurrency);
		System.out.println(READY + " held " + queues.worker("views").heldCount() + ", running "
				+ ViewCounters.runs.stream().map(ViewCounters.Run::id).toList());
		System.out.flush();
		never.await();
	}

}

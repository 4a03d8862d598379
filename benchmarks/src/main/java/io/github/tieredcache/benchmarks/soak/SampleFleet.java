package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.github.tieredcache.benchmarks.load.SampleApi;

/**
 * The sample application's instances behind a load balancer: requests go to an instance
 * in rotation, chosen at random; an instance being restarted is taken out of rotation
 * first and put back once it is ready, as a load balancer with readiness checks would.
 * <p>
 * Thread-safe.
 */
final class SampleFleet implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	/** How long requests already sent to an instance taken out of rotation may take. */
	private static final Duration DRAIN = Duration.ofSeconds(2);

	private final List<SampleInstance> instances;

	private final List<SampleApi> apis = new ArrayList<>();

	private final AtomicIntegerArray inRotation;

	private final Thread shutdownHook;

	SampleFleet(List<SampleInstance> instances) {
		this.instances = List.copyOf(instances);
		// a soak interrupted (Ctrl-C) must not leave instances running
		this.shutdownHook = new Thread(this::killAll, "soak-instances-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		this.inRotation = new AtomicIntegerArray(instances.size());
		for (SampleInstance instance : instances) {
			this.apis.add(new SampleApi(instance.baseUrl(), Duration.ofSeconds(10)));
		}
	}

	/**
	 * Starts the first instance alone (it creates the schema and seeds the database),
	 * then the others together, and puts them all in rotation once ready.
	 */
	void start() throws InterruptedException {
		SampleInstance first = this.instances.get(0);
		first.start();
		first.awaitReady(READY_TIMEOUT);
		for (SampleInstance instance : this.instances.subList(1, this.instances.size())) {
			instance.start();
		}
		for (SampleInstance instance : this.instances) {
			instance.awaitReady(READY_TIMEOUT);
			this.inRotation.set(instance.index(), 1);
		}
	}

	int size() {
		return this.instances.size();
	}

	SampleInstance instance(int index) {
		return this.instances.get(index);
	}

	SampleApi api(int index) {
		return this.apis.get(index);
	}

	boolean inRotation(int index) {
		return this.inRotation.get(index) == 1;
	}

	/**
	 * Picks an instance in rotation at random.
	 * @param random the source
	 * @return its index, or {@code -1} if none is in rotation
	 */
	int pick(SplittableRandom random) {
		int size = this.instances.size();
		int start = random.nextInt(size);
		for (int i = 0; i < size; i++) {
			int index = (start + i) % size;
			if (inRotation(index)) {
				return index;
			}
		}
		return -1;
	}

	/**
	 * Returns the fault that restarts one instance: out of rotation, stopped gracefully
	 * or killed (half the time each), started again, back in rotation once ready.
	 * @return the fault
	 */
	Fault restartFault() {
		return Fault.of(FaultKind.APP_RESTART, (random) -> {
			SampleInstance instance = this.instances.get(random.nextInt(size()));
			boolean kill = random.nextBoolean();
			this.inRotation.set(instance.index(), 0);
			Thread.sleep(DRAIN.toMillis());
			String how;
			if (kill) {
				instance.kill();
				how = "SIGKILL";
			}
			else {
				how = instance.stop() ? "SIGTERM" : "SIGTERM, then SIGKILL after 30 s";
			}
			return new Fault.Injection("instance " + instance.index() + " stopped with " + how + ", started again",
					Set.of(instance.index()), Duration.ZERO, false, () -> {
						instance.start();
						instance.awaitReady(READY_TIMEOUT);
						this.inRotation.set(instance.index(), 1);
						return null;
					});
		});
	}

	/**
	 * Takes every instance out of rotation and stops them gracefully, so that each runs
	 * the write-behind writes it holds.
	 */
	@Override
	public void close() throws InterruptedException {
		for (int i = 0; i < size(); i++) {
			this.inRotation.set(i, 0);
		}
		for (SampleInstance instance : this.instances) {
			instance.stop();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down and the hook runs anyway
		}
	}

	private void killAll() {
		for (SampleInstance instance : this.instances) {
			try {
				instance.kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public String toString() {
		return this.instances.toString();
	}

}

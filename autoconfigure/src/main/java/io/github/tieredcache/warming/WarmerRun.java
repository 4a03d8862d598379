package io.github.tieredcache.warming;

/**
 * One run of a warmer on a pool thread, raced by its timeout. The timeout may interrupt
 * the run only while it loads: once it writes, the write finishes (each Redis batch is
 * bounded by the Redis timeout), so a run never leaves half its entries written because
 * of its own deadline. The interrupt is delivered under the same lock the worker takes to
 * leave, so it can never reach the next task of the pool thread.
 */
final class WarmerRun {

	private enum Phase {

		LOADING, WRITING, ENDED

	}

	private final Thread worker;

	private Phase phase = Phase.LOADING;

	private boolean left;

	WarmerRun(Thread worker) {
		this.worker = worker;
	}

	/**
	 * Moves from loading to writing.
	 * @return whether the run may write; {@code false} once it has timed out
	 */
	synchronized boolean startWriting() {
		if (this.phase != Phase.LOADING) {
			return false;
		}
		this.phase = Phase.WRITING;
		return true;
	}

	/**
	 * Ends the run from the worker.
	 * @return whether this call ended it; {@code false} when it had timed out
	 */
	synchronized boolean end() {
		if (this.phase == Phase.ENDED) {
			return false;
		}
		this.phase = Phase.ENDED;
		return true;
	}

	/**
	 * Ends the run from the watchdog, interrupting the worker, if it is still loading.
	 * @param recordTimeout records the timeout, before the worker is interrupted, so that
	 * whoever waits for the run finds it recorded once the worker has left
	 * @return whether the run timed out
	 */
	synchronized boolean timeOut(Runnable recordTimeout) {
		if (this.phase != Phase.LOADING) {
			return false;
		}
		this.phase = Phase.ENDED;
		recordTimeout.run();
		if (!this.left) {
			this.worker.interrupt();
		}
		return true;
	}

	/**
	 * Called by the worker as it leaves the run: no interrupt reaches it afterwards, and
	 * one that came too late for the run is cleared.
	 */
	synchronized void leave() {
		this.left = true;
		Thread.interrupted();
	}

}

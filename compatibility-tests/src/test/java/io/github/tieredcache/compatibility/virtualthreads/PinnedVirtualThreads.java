package io.github.tieredcache.compatibility.virtualthreads;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

import static org.awaitility.Awaitility.await;

/**
 * Records, through a JFR stream in this JVM, every {@code jdk.VirtualThreadPinned} event
 * (a virtual thread that blocked while it could not leave its carrier thread), however
 * short, with its stack.
 */
final class PinnedVirtualThreads implements AutoCloseable {

	private static final String PINNED = "jdk.VirtualThreadPinned";

	private final RecordingStream stream = new RecordingStream();

	private final Queue<RecordedEvent> pinned = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean endSeen = new AtomicBoolean();

	private PinnedVirtualThreads() {
		this.stream.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
		this.stream.enable(EndOfRecording.class);
		this.stream.onEvent(PINNED, this.pinned::add);
		this.stream.onEvent(EndOfRecording.NAME, (event) -> this.endSeen.set(true));
		this.stream.startAsync();
	}

	static PinnedVirtualThreads start() {
		return new PinnedVirtualThreads();
	}

	/**
	 * Returns the events recorded so far: those committed before this call, which the
	 * stream has received once it received an event committed by this call.
	 */
	List<RecordedEvent> events() {
		new EndOfRecording().commit();
		await().atMost(Duration.ofSeconds(30)).untilTrue(this.endSeen);
		return List.copyOf(this.pinned);
	}

	@Override
	public void close() {
		this.stream.close();
	}

	/**
	 * Whether a frame of the event's stack belongs to a class whose name starts with one
	 * of the prefixes.
	 */
	static boolean inside(RecordedEvent event, List<String> prefixes) {
		return event.getStackTrace() != null && event.getStackTrace()
			.getFrames()
			.stream()
			.map((frame) -> frame.getMethod().getType().getName())
			.anyMatch((type) -> prefixes.stream().anyMatch(type::startsWith));
	}

	static String describe(RecordedEvent event) {
		String stack = (event.getStackTrace() != null) ? event.getStackTrace()
			.getFrames()
			.stream()
			.map(PinnedVirtualThreads::describe)
			.collect(Collectors.joining()) : "\n\t(no stack)";
		String reason = event.hasField("pinnedReason") ? " (" + event.getString("pinnedReason") + ")" : "";
		return "pinned for " + event.getDuration().toNanos() + " ns on " + event.getThread().getJavaName() + reason
				+ stack;
	}

	private static String describe(RecordedFrame frame) {
		return "\n\tat " + frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + " (line "
				+ frame.getLineNumber() + ")";
	}

	/**
	 * Committed after the workload: once the stream has it, it has every event committed
	 * before it.
	 */
	@Name(EndOfRecording.NAME)
	static final class EndOfRecording extends Event {

		static final String NAME = "io.github.tieredcache.EndOfRecording";

	}

}

package io.github.tieredcache.webflux;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which BlockHound detected a blocking call on a thread that must not
 * block, naming each call and its stack, even when the failure it raised was swallowed on
 * the way to the test (see {@link BlockingCalls}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NoBlockingCalls.Extension.class)
@interface NoBlockingCalls {

	/**
	 * The extension behind {@link NoBlockingCalls}.
	 */
	class Extension implements BeforeEachCallback, AfterEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			BlockingCalls.drain();
		}

		@Override
		public void afterEach(ExtensionContext context) {
			List<BlockingCalls.BlockingCall> calls = BlockingCalls.drain();
			if (!calls.isEmpty()) {
				throw new AssertionError(calls.size() + " blocking call(s) on non-blocking threads:\n"
						+ calls.stream().map(Object::toString).collect(Collectors.joining("\n\n")));
			}
		}

	}

}

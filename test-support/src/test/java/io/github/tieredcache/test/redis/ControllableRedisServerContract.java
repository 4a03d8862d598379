package io.github.tieredcache.test.redis;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What every harness-started server must do, run against each kind.
 */
abstract class ControllableRedisServerContract {

	private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private RedisServer server;

	/**
	 * Start a fresh server of the kind under test.
	 * @return the running server
	 */
	abstract RedisServer startServer();

	/**
	 * Return the server started for the current test.
	 * @return the server
	 */
	RedisServer server() {
		return this.server;
	}

	@BeforeEach
	void start() {
		this.server = startServer();
	}

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void answersPingOnceStarted() {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.server.controllable()).isTrue();
		assertThat(this.server.command("PING")).isEqualTo("PONG");
		assertThat(this.server.url()).isEqualTo("redis://" + this.server.host() + ":" + this.server.port());
	}

	@Test
	void runsWithoutPersistence() {
		assertThat(this.server.command("CONFIG", "GET", "save")).isEqualTo("[save, ]");
		assertThat(this.server.command("CONFIG", "GET", "appendonly")).isEqualTo("[appendonly, no]");
	}

	@Test
	void commandRendersEachKindOfReplyAsText() {
		assertThat(this.server.command("SET", "greeting", "hello")).isEqualTo("OK");
		assertThat(this.server.command("GET", "greeting")).isEqualTo("hello");
		assertThat(this.server.command("GET", "missing")).isNull();
		assertThat(this.server.command("INCR", "counter")).isEqualTo("1");
		assertThat(this.server.command("RPUSH", "list", "a", "b")).isEqualTo("2");
		assertThat(this.server.command("LRANGE", "list", "0", "-1")).isEqualTo("[a, b]");
	}

	@Test
	void commandThrowsTheMessageOfAnErrorReply() {
		this.server.command("SET", "greeting", "hello");
		assertThatIllegalStateException().isThrownBy(() -> this.server.command("INCR", "greeting"))
			.withMessageContaining("INCR")
			.withMessageContaining("not an integer");
	}

	@Test
	void debugSleepIsAllowed() {
		assertThat(this.server.command("DEBUG", "SLEEP", "0")).isEqualTo("OK");
	}

	@Test
	void flushAllRemovesEveryKey() {
		this.server.command("SET", "a", "1");
		this.server.command("SET", "b", "2");
		this.server.flushAll();
		assertThat(this.server.command("DBSIZE")).isEqualTo("0");
	}

	@Test
	void killMakesConnectionsFailAndRestartBringsItBackOnTheSamePort() {
		int port = this.server.port();
		this.server.command("SET", "greeting", "hello");
		this.server.kill();
		assertThat(this.server.isRunning()).isFalse();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.server.command("PING"))
			.withMessageContaining(String.valueOf(port));
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.server.command("PING")).isEqualTo("PONG");
		assertThat(this.server.command("GET", "greeting")).as("data after restart without persistence").isNull();
	}

	@Test
	void pauseMakesPingTimeOutAndResumeMakesItAnswerAgain() throws Exception {
		try (RespClient client = connect()) {
			assertThat(client.send("PING")).isEqualTo("PONG");
			this.server.pause();
			assertThat(this.server.isRunning()).as("a paused server is still running").isTrue();
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> client.send("PING"));
		}
		this.server.resume();
		try (RespClient client = connect()) {
			assertThat(client.send("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void killWorksOnAPausedServer() {
		this.server.pause();
		this.server.kill();
		assertThat(this.server.isRunning()).isFalse();
		this.server.restart();
		assertThat(this.server.command("PING")).isEqualTo("PONG");
	}

	@Test
	void stopShutsTheServerDownAndRestartBringsItBack() {
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.server.command("PING"));
		this.server.restart();
		assertThat(this.server.command("PING")).isEqualTo("PONG");
	}

	@Test
	void stopWorksOnAPausedServer() {
		this.server.pause();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
	}

	@Test
	void restartOfARunningServerStopsItFirst() {
		this.server.command("SET", "greeting", "hello");
		this.server.restart();
		assertThat(this.server.command("GET", "greeting")).isNull();
	}

	@Test
	void stopKillAndResumeDoNothingWhenTheServerIsDown() {
		this.server.kill();
		assertThatNoException().isThrownBy(() -> {
			this.server.kill();
			this.server.stop();
			this.server.resume();
		});
	}

	@Test
	void pauseIsRefusedWhenTheServerIsDown() {
		this.server.kill();
		assertThatIllegalStateException().isThrownBy(this.server::pause).withMessageContaining("restart()");
	}

	@Test
	void closeShutsTheServerDownForGood() {
		this.server.close();
		assertThat(this.server.isRunning()).isFalse();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.server.command("PING"));
		assertThatIllegalStateException().isThrownBy(this.server::restart).withMessageContaining("startDedicated()");
		assertThatNoException().isThrownBy(this.server::close);
	}

	private RespClient connect() throws Exception {
		return RespClient.connect(this.server.host(), this.server.port(), CONNECT_TIMEOUT, SHORT_READ_TIMEOUT);
	}

}

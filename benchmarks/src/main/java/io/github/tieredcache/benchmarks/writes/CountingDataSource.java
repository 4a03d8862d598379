package io.github.tieredcache.benchmarks.writes;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that counts what the application sends to the database: statements
 * executed (every {@code execute...} call of a statement it created) and transactions
 * committed ({@code Connection.commit()}). Wraps the pool, so a pool's own checks are not
 * counted. Thread-safe.
 */
final class CountingDataSource extends DelegatingDataSource implements AutoCloseable {

	private final LongAdder statements = new LongAdder();

	private final LongAdder commits = new LongAdder();

	CountingDataSource(DataSource pool) {
		super(pool);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return counting(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return counting(super.getConnection(username, password));
	}

	long statements() {
		return this.statements.sum();
	}

	long commits() {
		return this.commits.sum();
	}

	@Override
	public void close() throws Exception {
		if (getTargetDataSource() instanceof AutoCloseable pool) {
			pool.close();
		}
	}

	private Connection counting(Connection connection) {
		return proxy(Connection.class, connection, (method, result) -> {
			if (method.getName().equals("commit")) {
				this.commits.increment();
			}
			if (result instanceof CallableStatement statement) {
				return proxy(CallableStatement.class, statement, this::countExecution);
			}
			if (result instanceof PreparedStatement statement) {
				return proxy(PreparedStatement.class, statement, this::countExecution);
			}
			if (result instanceof Statement statement) {
				return proxy(Statement.class, statement, this::countExecution);
			}
			return result;
		});
	}

	private @Nullable Object countExecution(Method method, @Nullable Object result) {
		if (method.getName().startsWith("execute")) {
			this.statements.increment();
		}
		return result;
	}

	private static <T> T proxy(Class<T> type, T target, AfterCall afterCall) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
				return method.invoke(target, args);
			}
			try {
				return afterCall.apply(method, method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return type
			.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	/**
	 * What to do with a call's result: count it, wrap it, or both.
	 */
	@FunctionalInterface
	private interface AfterCall {

		@Nullable Object apply(Method method, @Nullable Object result);

	}

}

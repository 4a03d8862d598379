package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.h2.tools.Server;

/**
 * The one database all instances share, so that its rows (and their version column) are
 * the truth the soak checks against: a fresh database on a PostgreSQL server, or an
 * in-memory H2 served over TCP from the soak's own JVM.
 */
abstract class SoakDatabase implements AutoCloseable {

	/**
	 * Starts the database the options ask for.
	 * @param options the options
	 * @return the database, empty
	 * @throws SQLException if it cannot be created
	 */
	static SoakDatabase start(SoakOptions options) throws SQLException {
		return switch (options.database()) {
			case POSTGRES -> Postgres.create(options.postgresUrl(), options.postgresUser());
			case H2 -> H2.start();
		};
	}

	/**
	 * Returns the JDBC URL the instances use.
	 * @return the URL
	 */
	abstract String url();

	abstract String user();

	abstract String password();

	/**
	 * Returns the application arguments that point an instance at the database.
	 * @return the arguments
	 */
	List<String> applicationArguments() {
		return List.of("--spring.datasource.url=" + url(), "--spring.datasource.username=" + user(),
				"--spring.datasource.password=" + password(), "--spring.jpa.hibernate.ddl-auto=update");
	}

	/**
	 * Reads every exploit's view count, as written behind the cache.
	 * @return the counts by exploit id
	 * @throws SQLException if they cannot be read
	 */
	Map<Long, Long> viewCounts() throws SQLException {
		Map<Long, Long> counts = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(url(), user(), password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select exploit_id, views from exploit_views")) {
			while (rows.next()) {
				counts.put(rows.getLong(1), rows.getLong(2));
			}
		}
		return counts;
	}

	abstract String describe();

	@Override
	public abstract void close();

	/**
	 * A fresh database on a PostgreSQL server, dropped at the end.
	 */
	static final class Postgres extends SoakDatabase {

		private final String serverUrl;

		private final String user;

		private final String password;

		private final String name;

		private Postgres(String serverUrl, String user, String password, String name) {
			this.serverUrl = serverUrl;
			this.user = user;
			this.password = password;
			this.name = name;
		}

		static Postgres create(String serverUrl, String user) throws SQLException {
			String password = Objects.requireNonNullElse(System.getenv("PGPASSWORD"), "");
			String name = "soak_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
			try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + name);
			}
			catch (SQLException ex) {
				throw new SQLException("Could not create the database " + name + " on " + serverUrl + " as " + user
						+ " (" + ex.getMessage() + "); start PostgreSQL, set --postgres-url and --postgres-user "
						+ "(and PGPASSWORD), or run with --database=h2", ex);
			}
			return new Postgres(serverUrl, user, password, name);
		}

		@Override
		String url() {
			int slash = this.serverUrl.lastIndexOf('/');
			int query = this.serverUrl.indexOf('?', slash);
			return this.serverUrl.substring(0, slash + 1) + this.name
					+ ((query >= 0) ? this.serverUrl.substring(query) : "");
		}

		@Override
		String user() {
			return this.user;
		}

		@Override
		String password() {
			return this.password;
		}

		@Override
		String describe() {
			return "PostgreSQL, database " + this.name + " (" + url() + ")";
		}

		@Override
		public void close() {
			try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + this.name + " with (force)");
			}
			catch (SQLException ex) {
				System.err.println("Could not drop the database " + this.name + ": " + ex.getMessage());
			}
		}

	}

	/**
	 * An in-memory H2 database, served over TCP by this JVM.
	 */
	static final class H2 extends SoakDatabase {

		private final Server server;

		private H2(Server server) {
			this.server = server;
		}

		static H2 start() throws SQLException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new SQLException("No free port for the H2 server: " + ex.getMessage(), ex);
			}
			Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
			return new H2(server);
		}

		@Override
		String url() {
			return "jdbc:h2:tcp://127.0.0.1:" + this.server.getPort() + "/mem:soak;DB_CLOSE_DELAY=-1";
		}

		@Override
		String user() {
			return "sa";
		}

		@Override
		String password() {
			return "";
		}

		@Override
		String describe() {
			return "H2 in memory, over TCP (" + url() + ")";
		}

		@Override
		public void close() {
			this.server.stop();
		}

	}

}

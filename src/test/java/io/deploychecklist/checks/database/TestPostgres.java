package io.deploychecklist.checks.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (from Maven, no Docker) on 127.0.0.1 where the application's user logs in with
 * a password (SCRAM), as on a real server, and holds some privileges but not all:
 *
 * <ul>
 *   <li>schema {@code app}: USAGE; {@code app.orders} SELECT, INSERT, UPDATE, DELETE; {@code
 *       app.audit} SELECT, INSERT only
 *   <li>schema {@code hidden}: no USAGE, though SELECT on {@code hidden.secrets}
 * </ul>
 */
public final class TestPostgres implements AutoCloseable {

  public static final String USER = "checklist_app";

  private final EmbeddedPostgres postgres;

  private TestPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static TestPostgres start(String password) {
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              // The superuser (which the test uses to set up) trusts; everyone else needs a password.
              .setDataDirectoryCustomizer(
                  dir -> {
                    try {
                      Files.writeString(
                          dir.toPath().resolve("pg_hba.conf"),
                          """
                          local all all trust
                          host all postgres 127.0.0.1/32 trust
                          host all postgres ::1/128 trust
                          host all all 127.0.0.1/32 scram-sha-256
                          host all all ::1/128 scram-sha-256
                          """);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .start();
      try (Connection db = postgres.getPostgresDatabase().getConnection();
          Statement sql = db.createStatement()) {
        sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
        sql.execute("CREATE SCHEMA app");
        sql.execute("CREATE TABLE app.orders (id int)");
        sql.execute("CREATE TABLE app.audit (id int)");
        sql.execute("GRANT USAGE ON SCHEMA app TO " + USER);
        sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON app.orders TO " + USER);
        sql.execute("GRANT SELECT, INSERT ON app.audit TO " + USER);
        sql.execute("CREATE SCHEMA hidden");
        sql.execute("CREATE TABLE hidden.secrets (id int)");
        sql.execute("GRANT SELECT ON hidden.secrets TO " + USER);
      }
      return new TestPostgres(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the embedded PostgreSQL", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}

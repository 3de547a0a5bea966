package io.deploychecklist.checks.pgbouncer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.checks.database.TestPostgres;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real pgbouncer started per test in front of the embedded PostgreSQL; the application's
 * user connects through it as an application would. Without pgbouncer those tests are reported as
 * skipped (by name); the tests that need no pgbouncer still run.
 */
class PgBouncerCheckTest {

  private static final String APP_PASSWORD = "app-pass-pgb-71c2";
  private static final String MONITOR = "checklist_monitor";
  private static final String MONITOR_PASSWORD = "monitor-pass-4e8d";

  static TestPostgres postgres;

  @TempDir Path dir;

  private final PgBouncerCheck check = new PgBouncerCheck(
      Map.of("CHECKLIST_PGBOUNCER_PASSWORD", MONITOR_PASSWORD, "WRONG_PGBOUNCER_PASSWORD", "wrong-pgb-0a1b")::get);

  @BeforeAll
  static void startPostgres() {
    postgres = TestPostgres.start(APP_PASSWORD);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Test
  void aPooledDatabaseWithoutWaitingClientsPasses() throws Exception {
    try (PgBouncerProcess pgbouncer = start("default_pool_size = 2");
        Connection app = throughPgBouncer(pgbouncer);
        Statement sql = app.createStatement()) {
      sql.execute("SELECT 1");

      Evidence evidence = check.check("pgBouncer", properties(pgbouncer.port, "app", "CHECKLIST_PGBOUNCER_PASSWORD"));

      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.target()).isEqualTo("pgbouncer://127.0.0.1:" + pgbouncer.port + "/app");
      assertThat(evidence.observed())
          .startsWith("app -> 127.0.0.1:" + postgres.port() + "/postgres, pool_size 2, transaction mode; pools "
              + TestPostgres.USER + ": clients 1 active, 0 waiting; servers ")
          .endsWith("maxwait 0 ms");
      assertThat(evidence.detail()).isEqualTo("PgBouncer pools app (pool_size 2) and no client waits for a server connection");
      assertThat(evidence.toJson()).doesNotContain(MONITOR_PASSWORD).doesNotContain(APP_PASSWORD);
    }
  }

  @Test
  void clientsWaitingLongerThanAllowedFail() throws Exception {
    try (PgBouncerProcess pgbouncer = start("default_pool_size = 1");
        Connection holder = throughPgBouncer(pgbouncer);
        Connection waiter = throughPgBouncer(pgbouncer)) {
      // The only server connection stays in a transaction: the next client waits for it.
      holder.setAutoCommit(false);
      try (Statement sql = holder.createStatement()) {
        sql.execute("SELECT 1");
      }
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try (Statement sql = waiter.createStatement()) {
          sql.execute("SELECT 1");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // Until PgBouncer itself reports the client queued for longer than the 100 ms allowed.
      PgBouncerProperties properties = new PgBouncerProperties("127.0.0.1", pgbouncer.port, MONITOR,
          "CHECKLIST_PGBOUNCER_PASSWORD", "app", Duration.ofMillis(100), Duration.ofSeconds(5));
      Evidence evidence = Awaitility.await("a client waiting").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> check.check("pgBouncer", properties), found -> found.status() == CheckStatus.FAIL);

      holder.commit();
      waiting.get(10, TimeUnit.SECONDS);
      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).as(evidence.detail()).contains("clients 1 active, 1 waiting");
      assertThat(evidence.detail()).startsWith("a client of " + TestPostgres.USER + " has waited ")
          .contains("longer than 100 ms (checklist.pgbouncer.max-client-wait)").contains("pool_size 1");
    }
  }

  @Test
  void aDatabaseThatPgBouncerDoesNotPoolFails() throws Exception {
    try (PgBouncerProcess pgbouncer = start()) {
      Evidence evidence = check.check("pgBouncer", properties(pgbouncer.port, "orders", "CHECKLIST_PGBOUNCER_PASSWORD"));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).as(evidence.detail()).isEqualTo("no database orders (PgBouncer has: app, pgbouncer)");
      assertThat(evidence.detail()).startsWith("PgBouncer does not pool the database orders");
    }
  }

  @Test
  void aPausedDatabaseFails() throws Exception {
    try (PgBouncerProcess pgbouncer = start("admin_users = admin");
        PgBouncerConsole admin = PgBouncerConsole.open("127.0.0.1", pgbouncer.port, "admin", "admin-pass", 5000)) {
      admin.query("PAUSE app");

      Evidence evidence = check.check("pgBouncer", properties(pgbouncer.port, "app", "CHECKLIST_PGBOUNCER_PASSWORD"));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.detail()).startsWith("the database app is paused");
    }
  }

  @Test
  void aWrongPasswordFailsWithoutShowingEitherPassword() throws Exception {
    try (PgBouncerProcess pgbouncer = start()) {
      Evidence evidence = check.check("pgBouncer", properties(pgbouncer.port, "app", "WRONG_PGBOUNCER_PASSWORD"));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).as(evidence.detail()).isEqualTo("authentication failed");
      assertThat(evidence.toJson()).doesNotContain("wrong-pgb-0a1b").doesNotContain(MONITOR_PASSWORD);
    }
  }

  @Test
  void nothingListeningFails() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    Evidence evidence = check.check("pgBouncer", properties(port, "app", null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no connection");
  }

  @Test
  void nothingConfiguredIsSkipped() {
    Evidence evidence = check.check("pgBouncer", new PgBouncerProperties(null, null, null, null, null, null, null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(PgBouncerCheck.NOT_CONFIGURED);
  }

  @Test
  void aHostWithoutUserOrDatabaseIsRefused() {
    assertThatThrownBy(() -> new PgBouncerProperties("db.internal", null, null, null, "app", null, null))
        .hasMessageContaining("checklist.pgbouncer.user");
    PgBouncerProperties defaults = new PgBouncerProperties(null, null, null, null, null, null, null);
    assertThat(defaults.port()).isEqualTo(6432);
    assertThat(defaults.maxClientWait()).isEqualTo(Duration.ofSeconds(1));
  }

  private PgBouncerProcess start(String... settings) {
    return PgBouncerProcess.start(dir, postgres.port(), Map.of("app", "postgres"),
        Map.of(TestPostgres.USER, APP_PASSWORD, MONITOR, MONITOR_PASSWORD, "admin", "admin-pass"),
        concat(settings, "stats_users = " + MONITOR, "pool_mode = transaction"));
  }

  private static String[] concat(String[] settings, String... more) {
    String[] all = new String[settings.length + more.length];
    System.arraycopy(settings, 0, all, 0, settings.length);
    System.arraycopy(more, 0, all, settings.length, more.length);
    return all;
  }

  private static Connection throughPgBouncer(PgBouncerProcess pgbouncer) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + pgbouncer.port + "/app?prepareThreshold=0", TestPostgres.USER, APP_PASSWORD);
  }

  private static PgBouncerProperties properties(int port, String database, String passwordEnv) {
    return new PgBouncerProperties("127.0.0.1", port, MONITOR, passwordEnv, database, null, Duration.ofSeconds(5));
  }
}

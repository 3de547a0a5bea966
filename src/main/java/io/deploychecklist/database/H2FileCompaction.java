package io.deploychecklist.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file database of the default profile about as small as its live data.
 *
 * <p>{@code WRITE_DELAY=0} (application.yaml) writes every commit to the file before it returns,
 * so a killed process loses nothing. It also switches off H2's background writer, and with it the
 * only thing that compacts the store: each commit appends a chunk, the chunks it outdates stay
 * mostly dead, and the file grew to 4.8 GB at 1,000 releases (docs/performance.md). This does that
 * writer's housekeeping instead, every {@link #INTERVAL}: it rewrites the live pages of mostly
 * dead chunks (an ordinary store commit), and H2 then reuses the space of chunks nobody reads any
 * more.
 *
 * <p>Their space is reused at once ({@link #RETENTION} 0; H2's default keeps dead chunks 45 s in
 * case the operating system has not yet written the newer ones to the disk). For a killed process
 * that changes nothing: what H2 wrote is in the operating system's cache and reaches the file. It
 * matters only after a power failure, which this database does not promise to survive anyway (it
 * does not force commits to the disk): production runs on PostgreSQL.
 *
 * <p>Only for an H2 file database this process opened itself (an embedded session); PostgreSQL and
 * a remote H2 session are left alone.
 */
@Component
class H2FileCompaction implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

  static final Duration INTERVAL = Duration.ofSeconds(1);

  static final Duration RETENTION = Duration.ZERO;

  /** Rewrite chunks while their average fill rate is below this percentage. */
  static final int TARGET_FILL_RATE = 80;

  /** At most this much rewritten per run, so that a run holds the store only briefly. */
  static final int MAX_REWRITE_BYTES = 32 * 1024 * 1024;

  private final DataSource dataSource;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  H2FileCompaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Compacts the embedded H2 file store, if this is one; true if it rewrote chunks. */
  boolean compactOnce() {
    try (Connection connection = dataSource.getConnection()) {
      MVStore store = embeddedFileStore(connection);
      if (store == null) {
        return false;
      }
      if (store.getRetentionTime() > RETENTION.toMillis()) {
        store.setRetentionTime((int) RETENTION.toMillis());
      }
      return store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES);
    } catch (SQLException | RuntimeException e) {
      // A closing store, or no connection free: the next run tries again; skipping one loses nothing.
      LOG.debug("H2 compaction skipped: {}", e.toString());
      return false;
    }
  }

  private static MVStore embeddedFileStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null;
    }
    var database = session.getDatabase();
    if (!database.isPersistent() || database.getStore() == null) {
      return null;
    }
    MVStore store = database.getStore().getMvStore();
    return store.getFileStore() == null ? null : store;
  }

  /** Whether the application's database is an H2 file store in this process: only then is there work. */
  private boolean embeddedFileDatabase() {
    try (Connection connection = dataSource.getConnection()) {
      return embeddedFileStore(connection) != null;
    } catch (SQLException | RuntimeException e) {
      LOG.debug("H2 compaction not started: {}", e.toString());
      return false;
    }
  }

  @Override
  public void start() {
    running = true;
    if (!embeddedFileDatabase()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "h2-compaction");
      thread.setDaemon(true);
      return thread;
    });
    long millis = INTERVAL.toMillis();
    scheduler.scheduleWithFixedDelay(this::compactOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

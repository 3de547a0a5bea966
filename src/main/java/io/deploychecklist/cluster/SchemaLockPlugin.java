package io.deploychecklist.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets one node at a time build its engine: schema creation (or the check that the
 * schema is there) and the engine's own bootstrap run under a PostgreSQL advisory lock.
 *
 * <p>Camunda creates a missing schema at start-up ({@code camunda.bpm.database.schema-update}), but
 * two nodes starting at once on an empty database would both find it missing and both try to
 * create it; the second would fail on "relation already exists". The engine's own locks live in
 * its tables, which do not exist yet at that point, so this lock lives in the database server.
 * It is a transaction-level lock held by an open transaction on a connection of its own, released
 * when that transaction ends: as soon as the engine is built, or when the node dies (the server
 * then ends the session). Being tied to a transaction, it cannot leak into the connection pool. The auto-deployment that follows is
 * serialised by Camunda's deployment lock. Other databases (the demo profile's H2 file) are left
 * alone: they are not for clusters.
 */
@Component
class SchemaLockPlugin extends AbstractProcessEnginePlugin implements DisposableBean {

  /** The advisory lock's key: the bytes of "chklist!" (any constant the nodes agree on). */
  static final long LOCK_KEY = 0x63686b6c69737421L;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaLockPlugin.class);

  private final DataSource dataSource;
  private Connection lockHolder;

  SchemaLockPlugin(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!isPostgres(connection)) {
        connection.close();
        return;
      }
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        connection.setAutoCommit(false);
        statement.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
      } catch (SQLException | RuntimeException e) {
        close(connection);
        throw e;
      }
      lockHolder = connection;
      LOG.info("Holding the start-up schema lock (waited {} ms)", (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not take the start-up schema lock: " + e.getMessage(), e);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  /** The engine build failed and the context is closing: give the lock back. */
  @Override
  public void destroy() {
    release();
  }

  synchronized boolean holdsLock() {
    return lockHolder != null;
  }

  private synchronized void release() {
    if (lockHolder == null) {
      return;
    }
    try {
      lockHolder.commit();
    } catch (SQLException e) {
      // The pool rolls back what is left open when the connection is returned: that releases it too.
      LOG.warn("Releasing the start-up schema lock: {}", e.getMessage());
    } finally {
      close(lockHolder);
      lockHolder = null;
    }
  }

  private static void close(Connection connection) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.debug("Resetting the start-up lock connection: {}", e.getMessage());
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing the start-up lock connection: {}", e.getMessage());
    }
  }

  private static boolean isPostgres(Connection connection) throws SQLException {
    return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
  }
}

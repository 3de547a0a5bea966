package io.deploychecklist.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Release starts take turns: each start locks the engine's {@code deployment.lock} row of
 * {@code ACT_GE_PROPERTY} in its own transaction, and keeps it until it commits or rolls back, so
 * the next start's "is this version running?" sees the release the previous one started, on one
 * node or several. Camunda's own {@code acquireExclusiveLock()} is skipped on H2, the default
 * database, hence the plain {@code SELECT ... FOR UPDATE} (H2 and PostgreSQL lock the row alike).
 */
final class ReleaseStartTurns {

  private static final String LOCK_ROW = "deployment.lock";

  static void waitForTurn() {
    CommandContext context = Context.getCommandContext();
    String table = context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT VALUE_ FROM " + table + " WHERE NAME_ = ? FOR UPDATE")) {
      lock.setString(1, LOCK_ROW);
      lock.executeQuery().close();
    } catch (SQLException e) {
      throw new ProcessEngineException("could not take the turn to start a release", e);
    }
  }

  private ReleaseStartTurns() {}
}

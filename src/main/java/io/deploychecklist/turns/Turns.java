package io.deploychecklist.turns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Checks that read what another transaction may be writing at the same moment take turns: "is
 * this version already being released?" when a release starts, "has this person signed another
 * sign-off?" when one is completed. Each locks the engine's {@code deployment.lock} row of
 * {@code ACT_GE_PROPERTY} in its own transaction and keeps it until it commits or rolls back, so
 * the next one reads what the previous one wrote, on one node or several. Camunda's own
 * {@code acquireExclusiveLock()} is skipped on H2, the default database, hence the plain
 * {@code SELECT ... FOR UPDATE} (H2 and PostgreSQL lock the row alike).
 */
public final class Turns {

  private static final String LOCK_ROW = "deployment.lock";

  /** Waits until no other transaction holds the turn, then holds it until this one ends. */
  public static void waitForTurn() {
    CommandContext context = Context.getCommandContext();
    String table = context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT VALUE_ FROM " + table + " WHERE NAME_ = ? FOR UPDATE")) {
      lock.setString(1, LOCK_ROW);
      lock.executeQuery().close();
    } catch (SQLException e) {
      throw new ProcessEngineException("could not take the turn for a check", e);
    }
  }

  private Turns() {}
}

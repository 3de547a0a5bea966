package io.deploychecklist.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * While armed, runs {@code EXPLAIN (ANALYZE)} (PostgreSQL) of the next task query the engine
 * makes, with the engine's own SQL and parameters, and keeps the plan. The plan is made with the
 * parameters' values, as the application's own queries are (prepareThreshold 0 in
 * application-prod.yaml); a server-side prepared statement's generic plan may differ.
 */
@Intercepts({
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class})})
final class ExplainTaskQueries implements Interceptor {

  static final String TASK_QUERY = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria";

  private volatile boolean armed;
  private volatile List<String> plan;
  private volatile String sql;

  void arm() {
    plan = null;
    armed = true;
  }

  List<String> plan() {
    return plan;
  }

  String sql() {
    return sql;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
    if (armed && TASK_QUERY.equals(statement.getId())) {
      armed = false;
      Object parameter = invocation.getArgs()[1];
      BoundSql bound = statement.getBoundSql(parameter);
      Executor executor = (Executor) invocation.getTarget();
      Connection connection = executor.getTransaction().getConnection();
      sql = bound.getSql().replaceAll("\\s+", " ").trim();
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + bound.getSql())) {
        ParameterHandler parameters = new DefaultParameterHandler(statement, parameter, bound);
        parameters.setParameters(explain);
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            lines.add(rows.getString(1));
          }
        }
        plan = lines;
      } catch (SQLException e) {
        plan = List.of("EXPLAIN failed: " + e.getMessage());
      }
    }
    return invocation.proceed();
  }

  @Override
  public void setProperties(Properties properties) {}
}

package io.deploychecklist.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/** Keeps the SQL of the engine's task list and count queries while recording. */
@Intercepts({
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class})})
final class TaskQuerySql implements Interceptor {

  private final List<String> statements = new CopyOnWriteArrayList<>();
  private volatile boolean recording;

  void record() {
    statements.clear();
    recording = true;
  }

  /** The task queries' SQL since {@link #record()}; stops recording. */
  List<String> stop() {
    recording = false;
    return List.copyOf(statements);
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
    if (recording && statement.getId().contains("TaskEntity.selectTask")) {
      statements.add(statement.getBoundSql(invocation.getArgs()[1]).getSql().toUpperCase());
    }
    return invocation.proceed();
  }
}

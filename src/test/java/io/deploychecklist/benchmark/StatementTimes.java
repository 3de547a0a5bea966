package io.deploychecklist.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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

/** While recording, the time the engine's SELECTs take, summed per statement: where a request spends it. */
@Intercepts({
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class})})
final class StatementTimes implements Interceptor {

  private volatile boolean recording;
  private final Map<String, double[]> times = new LinkedHashMap<>();

  synchronized void start() {
    times.clear();
    recording = true;
  }

  /** Statement (short id) to {calls, total ms}, the slowest first. */
  synchronized Map<String, double[]> stop() {
    recording = false;
    Map<String, double[]> sorted = new LinkedHashMap<>();
    times.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    if (!recording) {
      return invocation.proceed();
    }
    long start = System.nanoTime();
    try {
      return invocation.proceed();
    } finally {
      String id = ((MappedStatement) invocation.getArgs()[0]).getId().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
      double millis = (System.nanoTime() - start) / 1e6;
      synchronized (this) {
        double[] sum = times.computeIfAbsent(id, key -> new double[2]);
        sum[0]++;
        sum[1] += millis;
      }
    }
  }

  @Override
  public void setProperties(Properties properties) {}
}

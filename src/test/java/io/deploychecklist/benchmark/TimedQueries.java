package io.deploychecklist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.security.Rest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Times each query as the benchmarks do: three warm-up calls, then {@code benchmark.calls} (50) calls
 * or {@code benchmark.maxSecondsPerQuery} (60 s), whichever ends first; every answer must be 200.
 */
final class TimedQueries {

  private TimedQueries() {}

  /** @param eachReply sees every timed answer (e.g. to note its size) */
  static Map<String, Percentiles> measure(Map<String, Supplier<Rest.Reply>> queries,
      BiConsumer<String, Rest.Reply> eachReply) {
    Map<String, Percentiles> results = new LinkedHashMap<>();
    int calls = Integer.getInteger("benchmark.calls", 50);
    long budgetNanos = Long.getLong("benchmark.maxSecondsPerQuery", 60) * 1_000_000_000L;
    queries.forEach((name, query) -> {
      for (int warmUp = 0; warmUp < 3; warmUp++) {
        Rest.Reply reply = query.get();
        assertThat(reply.status()).as(name + ": " + reply).isEqualTo(200);
      }
      List<Double> millis = new ArrayList<>();
      long begin = System.nanoTime();
      while (millis.size() < calls && System.nanoTime() - begin < budgetNanos) {
        long start = System.nanoTime();
        Rest.Reply reply = query.get();
        millis.add((System.nanoTime() - start) / 1e6);
        assertThat(reply.status()).as(name).isEqualTo(200);
        eachReply.accept(name, reply);
      }
      results.put(name, Percentiles.of(millis.stream().mapToDouble(Double::doubleValue).toArray()));
      System.out.printf("[benchmark] %s %s%n", name, results.get(name));
    });
    return results;
  }
}

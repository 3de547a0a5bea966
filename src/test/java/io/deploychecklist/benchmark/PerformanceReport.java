package io.deploychecklist.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Writes one database's figures to target/benchmark/ and rebuilds docs/performance.md from the
 * figures there (the databases of the last run; each section says when and where it ran).
 */
final class PerformanceReport {

  static final Path FRAGMENTS = Path.of("target", "benchmark");
  static final Path REPORT = Path.of("docs", "performance.md");

  static void write(BenchmarkResult result) throws IOException {
    Files.createDirectories(FRAGMENTS);
    String file = (result.database.startsWith("H2") ? "1-h2" : "2-postgres") + ".md";
    Files.writeString(FRAGMENTS.resolve(file), section(result), StandardCharsets.UTF_8);
    rebuild();
  }

  static void write(StartupResult result) throws IOException {
    Files.createDirectories(FRAGMENTS);
    Files.writeString(FRAGMENTS.resolve("3-startup.md"), section(result), StandardCharsets.UTF_8);
    rebuild();
  }

  static void write(ReleaseHistoryBenchmark.HistoryResult result) throws IOException {
    Files.createDirectories(FRAGMENTS);
    Files.writeString(FRAGMENTS.resolve("4-release-history.md"), section(result), StandardCharsets.UTF_8);
    rebuild();
  }

  private static void rebuild() throws IOException {
    StringBuilder report = new StringBuilder(Files.readString(Path.of("src", "test", "resources", "benchmark", "performance-intro.md")));
    try (Stream<Path> fragments = Files.list(FRAGMENTS)) {
      for (Path fragment : fragments.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
        report.append('\n').append(Files.readString(fragment));
      }
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
    System.out.println("[benchmark] wrote " + REPORT.toAbsolutePath());
  }

  private static String section(BenchmarkResult r) {
    StringBuilder s = new StringBuilder();
    s.append("## ").append(r.database).append(", ").append(r.releases).append(" releases\n\n");
    s.append("- run: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append("; machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(memory()).append(" memory; Java ").append(System.getProperty("java.version"))
        .append(" (").append(System.getProperty("java.vm.name")).append("), max heap ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
    s.append("- database: ").append(r.detail).append('\n');
    s.append("- `authorizationCheckRevokes` configured: `").append(r.configuredRevokes).append("`\n");
    s.append(String.format(Locale.ROOT, "- starting %d releases (Java API, one thread): %.1f s, %.1f releases/s%n",
        r.releases, r.startSeconds, r.releases / r.startSeconds));
    s.append(String.format(Locale.ROOT, "- their due jobs (probes, continuations; one thread): %d jobs in %.1f s, %.1f jobs/s%n",
        r.jobs, r.jobSeconds, r.jobs / r.jobSeconds));
    s.append(String.format(Locale.ROOT, "- then: %d open tasks of platform-engineers, %d task authorizations (ACT_RU_AUTHORIZATION rows of resource TASK)%n",
        r.platformTasks, r.taskAuthorizations));
    s.append(String.format(Locale.ROOT, "- database size: %s empty, %s with the releases%n%n", size(r.bytesEmpty), size(r.bytesLoaded)));
    s.append("| query (user: request) | 0 releases p50 / p95 / p99 ms |");
    for (String mode : r.loaded.keySet()) {
      s.append(' ').append(r.releases).append(" releases (revokes `").append(mode).append("`) p50 / p95 / p99 ms | p95 ratio |");
    }
    s.append('\n').append("|---|---|");
    r.loaded.keySet().forEach(mode -> s.append("---|---|"));
    s.append('\n');
    for (Map.Entry<String, Percentiles> empty : r.empty.entrySet()) {
      s.append("| ").append(empty.getKey()).append(" | ").append(cell(empty.getValue())).append(" |");
      for (Map<String, Percentiles> loaded : r.loaded.values()) {
        Percentiles p = loaded.get(empty.getKey());
        s.append(' ').append(cell(p)).append(" | ")
            .append(String.format(Locale.ROOT, "x%.1f", p.p95() / empty.getValue().p95())).append(" |");
      }
      s.append('\n');
    }
    List<Integer> shortSamples = r.loaded.values().stream().flatMap(m -> m.values().stream())
        .map(Percentiles::calls).filter(calls -> calls < Integer.getInteger("benchmark.calls", 50)).toList();
    if (!shortSamples.isEmpty()) {
      s.append("\nSome loaded queries hit the time budget per query (benchmark.maxSecondsPerQuery) and have fewer calls: ")
          .append(shortSamples).append(".\n");
    }
    for (Map.Entry<String, Map<String, double[]>> profile : r.statements.entrySet()) {
      s.append("\nWhere one platform engineers' Tasklist list (").append(r.releases).append(" releases, revokes `")
          .append(profile.getKey()).append("`) spends its time in the database (the engine's SELECTs, slowest first):\n\n")
          .append("| statement | calls | ms |\n|---|---|---|\n");
      profile.getValue().entrySet().stream().limit(8).forEach(entry -> s.append("| ").append(entry.getKey())
          .append(" | ").append((long) entry.getValue()[0]).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", entry.getValue()[1])).append(" |\n"));
    }
    for (Map.Entry<String, List<String>> plan : r.plans.entrySet()) {
      List<String> lines = plan.getValue() == null ? List.of("(no task query seen)") : plan.getValue();
      String removed = lines.stream().filter(line -> line.contains("Rows Removed by Join Filter"))
          .map(line -> line.replaceAll(".*Rows Removed by Join Filter: ", "")).reduce((a, b) -> a + ", " + b).orElse("none");
      String total = lines.stream().filter(line -> line.startsWith("Execution Time")).findFirst().orElse("");
      s.append("\n<details><summary>EXPLAIN ANALYZE of the platform engineers' Tasklist query with ").append(r.releases)
          .append(" releases, revokes `").append(plan.getKey()).append("`: ").append(total)
          .append("; rows removed by join filter: ").append(removed).append("</summary>\n\n```\n")
          .append(String.join("\n", lines)).append("\n```\n</details>\n");
    }
    if (r.sql != null) {
      s.append("\n<details><summary>The SQL of that query (the engine's, parameters as ?)</summary>\n\n```sql\n")
          .append(r.sql).append("\n```\n</details>\n");
    }
    return s.toString();
  }

  private static String section(StartupResult r) {
    StringBuilder s = new StringBuilder("## Startup and memory, against a bare Camunda application\n\n");
    s.append("- run: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append("; machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(memory()).append(" memory; Java ").append(System.getProperty("java.version"))
        .append("; each in a fresh JVM with `").append(r.heapLimit()).append("` and a fresh H2 file database, ")
        .append(r.checklist().size()).append(" starts each, in turns; medians\n");
    s.append("- bare: `BareCamundaApplication` (test sources): the same Spring Boot, Camunda starters (webapps, REST),")
        .append(" H2 and Java; Camunda's defaults, no process\n\n");
    s.append("| | ready after (JVM start to application ready) | heap kept (after a full GC) | resident memory |\n|---|---|---|---|\n");
    row(s, "the checklist (default profile)", r.checklist());
    row(s, "bare Camunda 7", r.bare());
    s.append(String.format(Locale.ROOT, "| ratio | x%.1f | x%.1f | x%.1f |%n",
        ratio(r, StartupResult.Footprint::readyMillis), ratio(r, StartupResult.Footprint::heapBytes),
        ratio(r, StartupResult.Footprint::residentBytes)));
    s.append("\nEach start: ");
    for (int i = 0; i < r.checklist().size(); i++) {
      s.append(i == 0 ? "" : "; ").append("checklist ").append(r.checklist().get(i)).append(", bare ").append(r.bare().get(i));
    }
    return s.append(".\n").toString();
  }

  private static String section(ReleaseHistoryBenchmark.HistoryResult r) {
    StringBuilder s = new StringBuilder("## The Releases dashboard and the release report, ")
        .append(r.releases).append(" releases in history\n\n");
    s.append("- run: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append("; machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(memory()).append(" memory; Java ").append(System.getProperty("java.version"))
        .append("; H2 file (default profile), `ReleaseHistoryBenchmark`\n");
    s.append(String.format(Locale.ROOT, "- %d releases driven through every task by their groups' people (one thread, job "
        + "executor off, the clock moved over each day's observation window): %d released, %d rolled back, in %.0f s%n",
        r.releases, r.released, r.rolledBack, r.driveSeconds));
    s.append(String.format(Locale.ROOT, "- then: %d activity instances in history, database %s%n%n", r.historyRows,
        size(r.databaseBytes)));
    s.append("| query (user: request, over HTTP) | p50 / p95 / p99 ms | calls | answer |\n|---|---|---|---|\n");
    r.timings.forEach((name, p) -> s.append("| ").append(name).append(" | ").append(cell(p)).append(" | ")
        .append(p.calls()).append(" | ").append(String.format(Locale.ROOT, "%.0f KB", r.bytes.getOrDefault(name, 0) / 1024.0))
        .append(" |\n"));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, List<StartupResult.Footprint> runs) {
    s.append(String.format(Locale.ROOT, "| %s | %.1f s | %.0f MB | %.0f MB |%n", name,
        StartupResult.median(runs, StartupResult.Footprint::readyMillis) / 1000.0,
        StartupResult.median(runs, StartupResult.Footprint::heapBytes) / 1048576.0,
        StartupResult.median(runs, StartupResult.Footprint::residentBytes) / 1048576.0));
  }

  private static double ratio(StartupResult r, ToLongFunction<StartupResult.Footprint> figure) {
    return (double) StartupResult.median(r.checklist(), figure) / StartupResult.median(r.bare(), figure);
  }

  private static String cell(Percentiles p) {
    return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p.p50(), p.p95(), p.p99());
  }

  private static String size(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GB", kb / (1024.0 * 1024.0));
        }
      }
    } catch (IOException | RuntimeException unknown) {
      // not Linux
    }
    return "unknown";
  }

  private PerformanceReport() {}
}

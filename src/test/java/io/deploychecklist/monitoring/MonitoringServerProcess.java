package io.deploychecklist.monitoring;

import io.deploychecklist.LocalServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus ({@code prometheus}, Debian package {@code prometheus}) or Alertmanager
 * ({@code prometheus-alertmanager}, Debian package of the same name) started by a test with its
 * own configuration file, its storage in a temporary directory, listening on a free port of
 * 127.0.0.1 (Alertmanager with clustering off). When the binary is not installed, the test that
 * wants one is reported as skipped, by name, as the Redis tests do.
 */
public final class MonitoringServerProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final ByteArrayOutputStream log;
  private final String name;
  final int port;
  final Path dir;

  private MonitoringServerProcess(String name, Process process, ByteArrayOutputStream log, int port, Path dir) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
    this.dir = dir;
  }

  /** The binary on the PATH (or in /usr/bin), if any. */
  static Optional<Path> executable(String binary) {
    return LocalServers.executable(binary);
  }

  /** Whether Debian's prometheus is installed (a test that starts it only then calls {@link #requirePrometheus}). */
  public static boolean prometheusInstalled() {
    return executable("prometheus").isPresent();
  }

  /** Whether Debian's prometheus-alertmanager is installed. */
  public static boolean alertmanagerInstalled() {
    return executable("prometheus-alertmanager").isPresent();
  }

  /** Reports the calling test as skipped, by name, when prometheus is not installed, as {@link #prometheus} does. */
  public static void requirePrometheus() {
    require("prometheus", "prometheus");
  }

  /** Reports the calling test as skipped, by name, when prometheus-alertmanager is not installed. */
  public static void requireAlertmanager() {
    require("prometheus-alertmanager", "prometheus-alertmanager");
  }

  /**
   * Starts Prometheus with {@code config} (prometheus.yml; rule files are written by the test into
   * {@code dir} and named there), reloadable through {@code POST /-/reload}, and waits until it is
   * ready.
   */
  static MonitoringServerProcess prometheus(Path dir, String config) {
    Path binary = require("prometheus", "prometheus");
    int port = freePort();
    Path file = write(dir.resolve("prometheus.yml"), config);
    return launch("prometheus", dir, port, List.of(
        binary.toString(),
        "--config.file=" + file,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.enable-lifecycle",
        "--log.level=warn"));
  }

  /**
   * Starts Prometheus scraping each job's targets ({@code host:port}, path {@code /metrics}) every
   * second, evaluating the rules of {@code rules/*.yml} every second, and waits until every job
   * has been scraped once.
   */
  public static MonitoringServerProcess prometheus(Path dir, Map<String, List<String>> jobs) {
    StringBuilder config = new StringBuilder("""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
          - rules/*.yml
        scrape_configs:
        """);
    jobs.forEach((job, targets) -> config.append("  - job_name: ").append(job).append("\n")
        .append("    static_configs:\n      - targets: [")
        .append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n"));
    MonitoringServerProcess prometheus = prometheus(dir, config.toString());
    for (String job : jobs.keySet()) {
      prometheus.await("/api/v1/query?query=" + encode("count(up{job=\"" + job + "\"})"),
          body -> body.contains("\"result\":[{"), "a scrape of job " + job);
    }
    return prometheus;
  }

  /** Replaces the rule file {@code rules/test.yml}, reloads, and waits until every rule of it has been evaluated. */
  public void rules(String yaml, int expectedRules) {
    writeFile("rules/test.yml", yaml);
    reload();
    await("/api/v1/rules", body -> count(body, "\"health\":\"ok\"") + count(body, "\"health\":\"err\"") == expectedRules
        && count(body, "\"health\":\"unknown\"") == 0, expectedRules + " rules evaluated");
  }

  /** Waits until {@code promql} answers with {@code expected} in its body (e.g. a value {@code "0.6"}). */
  public void awaitQuery(String promql, String expected) {
    await("/api/v1/query?query=" + encode(promql), body -> body.contains(expected), promql + " giving " + expected);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Starts Alertmanager with {@code config} (alertmanager.yml), clustering off, and waits until it is ready. */
  public static MonitoringServerProcess alertmanager(Path dir, String config) {
    Path binary = require("prometheus-alertmanager", "prometheus-alertmanager");
    int port = freePort();
    Path file = write(dir.resolve("alertmanager.yml"), config);
    return launch("alertmanager", dir, port, List.of(
        binary.toString(),
        "--config.file=" + file,
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=",
        "--log.level=warn"));
  }

  private static Path require(String binary, String debianPackage) {
    Optional<Path> executable = executable(binary);
    Assumptions.assumeTrue(executable.isPresent(),
        binary + " not installed: apt-get install -y " + debianPackage + " (the monitoring checks' tests need a real server)");
    return executable.get();
  }

  private static MonitoringServerProcess launch(String name, Path dir, int port, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      MonitoringServerProcess server = new MonitoringServerProcess(name, process, drain(process.getInputStream(), name), port, dir);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Writes {@code content} to {@code dir/file} (a rule file, a new configuration). */
  public Path writeFile(String file, String content) {
    return write(dir.resolve(file), content);
  }

  /** Reloads the configuration and rule files (Prometheus: {@code POST /-/reload}). */
  public void reload() {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url() + "/-/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (answer == null || answer.statusCode() != 200) {
      throw new IllegalStateException(name + " did not reload: " + (answer == null ? "no answer" : answer.body()) + "\n" + log());
    }
  }

  /** GETs {@code path} until the body passes {@code until}, at most 20 s; returns that body. */
  public String await(String path, Predicate<String> until, String what) {
    AtomicReference<String> last = new AtomicReference<>();
    try {
      return Awaitility.await(name + ": " + what).atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(name + " stopped:\n" + log());
            }
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
            if (answer == null) {
              return null;
            }
            last.set(answer.statusCode() + " " + answer.body());
            return answer.statusCode() == 200 && until.test(answer.body()) ? answer.body() : null;
          }, body -> body != null);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(name + ": " + what + " not seen within 20 s; last answer of " + path + ": "
          + last.get() + "\n" + log(), e);
    }
  }

  private void awaitReady() {
    await("/-/ready", body -> true, "ready");
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException notYet) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    return LocalServers.freePort();
  }

  private static ByteArrayOutputStream drain(InputStream in, String name) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try {
        int read;
        while ((read = in.read(buffer)) != -1) {
          synchronized (log) {
            log.write(buffer, 0, read);
          }
        }
      } catch (IOException ignored) {
        // the server has stopped
      }
    }, name + "-log");
    drain.setDaemon(true);
    drain.start();
    return log;
  }

  /** What the server wrote so far (warnings and errors). */
  String log() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.deploychecklist.checks.logs;

import io.deploychecklist.LocalServers;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Grafana Loki, started by a test in single-binary mode with filesystem storage in a
 * temporary directory, {@code auth_enabled: false}, listening on free ports of 127.0.0.1. Its own
 * log (every query it executes is logged there) is kept for the test to read ({@link #queryLog()}).
 * The same scenarios run against {@link LokiApi}, a stand-in that answers as Loki's documented HTTP
 * API does.
 *
 * <p>When no Grafana Loki is installed the test that wants one is reported as skipped, by name.
 * A binary called {@code loki} is taken for Grafana Loki only when {@code loki -version} says
 * "loki, version": Debian's package {@code loki} is an unrelated program of the same name
 * (linkage analysis on pedigrees), and Debian ships no Grafana Loki.
 */
public final class LokiProcess implements Loki {

  static final String NOT_INSTALLED =
      "Grafana Loki not installed: the log checks' runs against a real Loki need a binary called loki"
          + " on the PATH (Debian's package 'loki' is an unrelated program and is not used); the same"
          + " scenarios run against the stand-in LokiApi";

  private final Process process;
  private final ByteArrayOutputStream log;
  private final String url;

  private LokiProcess(Process process, ByteArrayOutputStream log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** The Grafana Loki binary on the PATH, if any. */
  public static Optional<Path> executable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "loki");
      if (Files.isExecutable(candidate) && isGrafanaLoki(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isGrafanaLoki(Path binary) {
    try {
      Process version = new ProcessBuilder(binary.toString(), "-version").redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      byte[] out = version.getInputStream().readNBytes(4096);
      if (!version.waitFor(10, TimeUnit.SECONDS)) {
        version.destroyForcibly();
        return false;
      }
      return new String(out, StandardCharsets.UTF_8).contains("loki, version");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts Loki with its data in {@code dir} and waits until {@code /ready} says so. */
  public static LokiProcess start(Path dir) {
    Optional<Path> executable = executable();
    Assumptions.assumeTrue(executable.isPresent(), NOT_INSTALLED);
    int httpPort = freePort();
    int grpcPort = freePort();
    Path config = dir.resolve("loki.yaml");
    try {
      Files.writeString(config, config(dir, httpPort, grpcPort));
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Process process = new ProcessBuilder(executable.get().toString(), "-config.file=" + config)
          .directory(dir.toFile()).redirectErrorStream(true).start();
      Thread drain = new Thread(() -> copy(process.getInputStream(), log), "loki-log");
      drain.setDaemon(true);
      drain.start();
      LokiProcess loki = new LokiProcess(process, log, "http://127.0.0.1:" + httpPort);
      loki.awaitReady();
      return loki;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Loki in " + dir, e);
    }
  }

  // The release's retention rules do not matter here; what matters is that pushed lines are
  // queryable at once (from the ingester's memory) and that nothing leaves the temporary directory.
  private static String config(Path dir, int httpPort, int grpcPort) {
    return """
        auth_enabled: false
        server:
          http_listen_address: 127.0.0.1
          http_listen_port: %d
          grpc_listen_address: 127.0.0.1
          grpc_listen_port: %d
          log_level: debug
        common:
          instance_addr: 127.0.0.1
          path_prefix: %s
          storage:
            filesystem:
              chunks_directory: %s/chunks
              rules_directory: %s/rules
          replication_factor: 1
          ring:
            kvstore:
              store: inmemory
        schema_config:
          configs:
            - from: 2020-10-24
              store: tsdb
              object_store: filesystem
              schema: v13
              index:
                prefix: index_
                period: 24h
        limits_config:
          reject_old_samples: false
        analytics:
          reporting_enabled: false
        """.formatted(httpPort, grpcPort, dir, dir, dir);
  }

  private void awaitReady() {
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(2, TimeUnit.SECONDS).build();
    try {
      Awaitility.await("Loki ready").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("Loki stopped at start-up:\n" + queryLog());
            }
            try (Response response = client.newCall(new Request.Builder().url(url + "/ready").build()).execute()) {
              return response.code() == 200;
            } catch (IOException notYet) {
              return false;
            }
          });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("Loki not ready after 90 s:\n" + queryLog(), e);
    }
  }

  @Override
  public String url() {
    return url;
  }

  /** Everything Loki has logged so far, its log of the queries it executed included. */
  @Override
  public String queryLog() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException stopped) {
      // Loki has stopped
    }
  }

  static int freePort() {
    return LocalServers.freePort();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

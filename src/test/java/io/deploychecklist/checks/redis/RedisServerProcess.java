package io.deploychecklist.checks.redis;

import io.deploychecklist.LocalServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) started by a test on a free
 * port of 127.0.0.1, in the foreground, its files in a temporary directory. When the binary is not
 * on the PATH, the test that wants one is reported as skipped, by name.
 */
public final class RedisServerProcess implements AutoCloseable {

  private final Process process;
  public final int port;

  private RedisServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The redis-server binary on the PATH (or in /usr/bin), if any. */
  public static Optional<Path> executable() {
    return LocalServers.executable("redis-server");
  }

  /**
   * Starts redis-server with {@code --port <free> --bind 127.0.0.1 --dir <dir>} and {@code
   * arguments} (each directive and its values as separate strings, e.g. {@code "--save", ""}), and
   * waits until it says it is ready.
   */
  public static RedisServerProcess start(Path dir, String... arguments) {
    return launch(dir, port -> List.of("--port", String.valueOf(port)), List.of(arguments));
  }

  /** Same, for a server that speaks only TLS on the free port, with the given certificate. */
  public static RedisServerProcess startTls(Path dir, Path certificate, Path key, String... arguments) {
    return launch(
        dir,
        port ->
            List.of(
                "--port", "0", "--tls-port", String.valueOf(port),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-auth-clients", "no"),
        List.of(arguments));
  }

  private static RedisServerProcess launch(
      Path dir, IntFunction<List<String>> listen, List<String> arguments) {
    Optional<Path> executable = executable();
    Assumptions.assumeTrue(
        executable.isPresent(),
        "redis-server not installed: apt-get install -y redis-server (the Redis tests need a real"
            + " server)");
    int port = LocalServers.freePort();
    List<String> command = new ArrayList<>();
    command.add(executable.get().toString());
    command.addAll(listen.apply(port));
    command.addAll(List.of("--bind", "127.0.0.1", "--dir", dir.toString()));
    command.addAll(List.of("--daemonize", "no", "--logfile", ""));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      waitUntilReady(process, command);
      return new RedisServerProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  // Reads the server's log until it is ready (no sleeping); keeps draining it afterwards.
  private static void waitUntilReady(Process process, List<String> command) throws IOException {
    BufferedReader log =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = log.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("Ready to accept connections")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (log.readLine() != null) {
                      // discard
                    }
                  } catch (IOException ignored) {
                    // the server has stopped
                  }
                },
                "redis-server-log");
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new IllegalStateException("redis-server did not start: " + command + "\n" + seen);
  }

    @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

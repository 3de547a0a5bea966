package io.deploychecklist.checks.httpsecurity;

import io.deploychecklist.LocalServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code nginx} (Debian package {@code nginx}) started by a test with its own configuration,
 * in the foreground and as one process ({@code master_process off}, so it runs as the test's user
 * and reads the test's files), its files in a temporary directory, listening on free ports of
 * 127.0.0.1. When the binary is not installed, the test that wants one is reported as skipped, by
 * name.
 */
public final class NginxProcess implements AutoCloseable {

  private static final Pattern LISTEN = Pattern.compile("listen\\s+127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final ByteArrayOutputStream log;

  private NginxProcess(Process process, ByteArrayOutputStream log) {
    this.process = process;
    this.log = log;
  }

  /** The nginx binary on the PATH or in /usr/sbin (not on every user's PATH), if any. */
  public static Optional<Path> executable() {
    return LocalServers.executable("nginx");
  }

  /** A port of 127.0.0.1 that nothing listens on right now. */
  public static int freePort() {
    return LocalServers.freePort();
  }

  /**
   * Starts nginx with {@code servers} (server blocks, each listening on {@code 127.0.0.1:<port>})
   * inside an http block of its own, and waits until every listed port takes connections.
   */
  public static NginxProcess start(Path dir, String servers) {
    Optional<Path> executable = executable();
    Assumptions.assumeTrue(
        executable.isPresent(),
        "nginx not installed: apt-get install -y nginx (the HTTP security check's tests need a real"
            + " server)");
    String config = """
        master_process off;
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log stderr warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          default_type text/html;
        %2$s
        }
        """.formatted(dir, servers);
    try {
      Path file = dir.resolve("nginx.conf");
      Files.writeString(file, config, StandardCharsets.UTF_8);
      List<String> command = List.of(
          executable.get().toString(), "-p", dir.toString(), "-c", file.toString(), "-e", "stderr");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream log = drain(process.getInputStream());
      NginxProcess nginx = new NginxProcess(process, log);
      nginx.waitUntilListening(ports(servers), command);
      return nginx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start nginx in " + dir, e);
    }
  }

  private static List<Integer> ports(String servers) {
    List<Integer> ports = new ArrayList<>();
    Matcher listen = LISTEN.matcher(servers);
    while (listen.find()) {
      ports.add(Integer.parseInt(listen.group(1)));
    }
    return ports;
  }

  // Polls the ports (nginx says nothing when it is ready) until they answer or nginx has stopped.
  private void waitUntilListening(List<Integer> ports, List<String> command) {
    for (int port : ports) {
      try {
        Awaitility.await("nginx listening on " + port).atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + command + "\n" + log());
              }
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
              } catch (IOException notYet) {
                return false;
              }
            });
      } catch (ConditionTimeoutException e) {
        close();
        throw new IllegalStateException("nginx did not listen on " + port + " within 15 s:\n" + log(), e);
      }
    }
  }

  private static ByteArrayOutputStream drain(InputStream in) {
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
        // nginx has stopped
      }
    }, "nginx-log");
    drain.setDaemon(true);
    drain.start();
    return log;
  }

  /** What nginx wrote so far (its warnings and errors). */
  public String log() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: nginx stops at once
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

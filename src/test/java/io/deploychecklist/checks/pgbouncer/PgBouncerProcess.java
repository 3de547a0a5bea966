package io.deploychecklist.checks.pgbouncer;

import io.deploychecklist.LocalServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code pgbouncer} (Debian package {@code pgbouncer}) started by a test on a free port of
 * 127.0.0.1, in the foreground, with its own ini and user list in a temporary directory. As root it
 * runs as {@code nobody} (PgBouncer refuses root), so the directory is opened to others. When the
 * binary is missing, the test that wants one is reported as skipped, by name.
 */
public final class PgBouncerProcess implements AutoCloseable {

  private final Process process;
  public final int port;

  private PgBouncerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The pgbouncer binary on the PATH or in /usr/sbin (which is not on every user's PATH), if any. */
  public static Optional<Path> executable() {
    return LocalServers.executable("pgbouncer");
  }

  /**
   * Starts pgbouncer in front of the PostgreSQL at {@code postgresPort}.
   *
   * @param databases the {@code [databases]} section: name to the database it stands for there
   * @param users the user list (auth_file): name to plain password (PgBouncer then speaks SCRAM to
   *     the server with it)
   * @param settings further lines of the {@code [pgbouncer]} section, e.g. {@code stats_users = monitor}
   */
  public static PgBouncerProcess start(Path dir, int postgresPort, Map<String, String> databases,
      Map<String, String> users, String... settings) {
    Optional<Path> executable = executable();
    Assumptions.assumeTrue(executable.isPresent(),
        "pgbouncer not installed: apt-get install -y pgbouncer (the PgBouncer tests need a real one)");
    int port = LocalServers.freePort();
    try {
      Path userList = dir.resolve("users.txt");
      StringBuilder userLines = new StringBuilder();
      users.forEach((user, password) -> userLines.append('"').append(user).append("\" \"").append(password).append("\"\n"));
      Files.writeString(userList, userLines);
      StringBuilder ini = new StringBuilder("[databases]\n");
      databases.forEach((name, database) -> ini.append(name).append(" = host=127.0.0.1 port=").append(postgresPort)
          .append(" dbname=").append(database).append('\n'));
      ini.append("[pgbouncer]\n")
          .append("listen_addr = 127.0.0.1\n")
          .append("listen_port = ").append(port).append('\n')
          .append("unix_socket_dir =\n")
          .append("auth_type = scram-sha-256\n")
          .append("auth_file = ").append(userList).append('\n')
          .append("ignore_startup_parameters = extra_float_digits\n");
      for (String setting : settings) {
        ini.append(setting).append('\n');
      }
      Path config = dir.resolve("pgbouncer.ini");
      Files.writeString(config, ini);
      List<String> command = new ArrayList<>(List.of(executable.get().toString()));
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of("-u", "nobody"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(userList, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
      }
      command.add(config.toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      waitUntilReady(process, command);
      return new PgBouncerProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pgbouncer in " + dir, e);
    }
  }

  // Reads the log until PgBouncer is up (no sleeping); keeps draining it afterwards.
  private static void waitUntilReady(Process process, List<String> command) throws IOException {
    BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = log.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("process up")) {
        Thread drain = new Thread(() -> {
          try {
            while (log.readLine() != null) {
              // discard
            }
          } catch (IOException ignored) {
            // pgbouncer has stopped
          }
        }, "pgbouncer-log");
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new IllegalStateException("pgbouncer did not start: " + command + "\n" + seen);
  }

    @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

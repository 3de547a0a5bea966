package io.deploychecklist.cluster;

import io.deploychecklist.DeploymentChecklistApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The application in a JVM of its own, as it runs in production: started with {@code java -cp
 * <this test's classpath> io.deploychecklist.DeploymentChecklistApplication}, listening on
 * 127.0.0.1 only, its output in {@code target/nodes/<name>.log}. Killed with SIGKILL on {@link
 * #kill()}, on {@link #close()}, and at the latest when the test JVM exits.
 */
final class AppNode implements AutoCloseable {

  private static final Set<AppNode> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AppNode::close), "kill-app-nodes"));
  }

  // Quick start-up over peak speed: these nodes live for a minute or two.
  private static final List<String> JVM_OPTIONS = List.of(
      "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

  final String name;
  final int port;
  private final Process process;
  private final Path log;
  private final EngineRest rest;

  /** The prod profile's administrator, from the environment as in production (a strong password). */
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "Node-Operations-Passw0rd!";
  /** The demo profile's administrator. */
  static final String DEMO_PASSWORD = "demo";

  private AppNode(String name, int port, Process process, Path log, boolean prod) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
    this.rest = new EngineRest(name, "http://127.0.0.1:" + port, ADMIN, prod ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  static Builder named(String name) {
    return new Builder(name);
  }

  EngineRest rest() {
    return rest;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the node's REST API answers; fails early with its log when it died starting. */
  AppNode awaitUp(Duration timeout) {
    try {
      Awaitility.await(name + " answering").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
        if (!process.isAlive()) {
          throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + logTail(60));
        }
        return rest.isUp();
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " did not answer within " + timeout + ":\n" + logTail(60), e);
    }
    return this;
  }

  /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook runs. */
  int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing " + name, e);
    }
    RUNNING.remove(this);
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    RUNNING.remove(this);
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  Path log() {
    return log;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Builder {
    private final String name;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private Path workingDirectory;

    private Builder(String name) {
      this.name = name;
    }

    Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /** {@code --key=value} arguments of the application. */
    Builder arguments(String... args) {
      arguments.addAll(List.of(args));
      return this;
    }

    Builder workingDirectory(Path directory) {
      this.workingDirectory = directory;
      return this;
    }

    AppNode start() {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(DeploymentChecklistApplication.class.getName());
      command.add("--server.address=127.0.0.1");
      command.add("--server.port=" + port);
      command.add("--spring.main.banner-mode=off");
      command.addAll(arguments);
      try {
        Path logs = Files.createDirectories(Path.of("target", "nodes"));
        Path log = logs.resolve(name + ".log");
        Path directory = workingDirectory != null ? workingDirectory : Files.createTempDirectory("checklist-" + name);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("CHECKLIST_ADMIN_USER", ADMIN);
        builder.environment().put("CHECKLIST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        boolean prod = arguments.contains("--spring.profiles.active=prod");
        AppNode node = new AppNode(name, port, builder.start(), log, prod);
        RUNNING.add(node);
        return node;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start " + name, e);
      }
    }
  }
}

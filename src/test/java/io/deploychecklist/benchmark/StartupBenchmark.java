package io.deploychecklist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.DeploymentChecklistApplication;
import io.deploychecklist.benchmark.bare.BareCamundaApplication;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a measurement ({@code mvn -Pbenchmark test}, see docs/performance.md). Starts the
 * application and a bare Camunda application built the same way ({@link BareCamundaApplication}),
 * each in a fresh JVM with the same heap limit and a fresh H2 file database, {@code
 * benchmark.startups} times (default 3) in turns, and reports the median time until ready and the
 * memory each keeps.
 */
@Tag("benchmark")
class StartupBenchmark {

  static final String HEAP = "-Xmx1g";

  @TempDir
  Path directory;

  @Test
  void startupAndMemory() throws Exception {
    Path probeClasses = probeClasses();
    List<StartupResult.Footprint> checklist = new ArrayList<>();
    List<StartupResult.Footprint> bare = new ArrayList<>();
    int startups = Integer.getInteger("benchmark.startups", 3);
    for (int i = 1; i <= startups; i++) {
      checklist.add(start(probeClasses, DeploymentChecklistApplication.class.getName(), "checklist-" + i));
      bare.add(start(probeClasses, BareCamundaApplication.class.getName(), "bare-" + i,
          "--spring.config.name=bare-camunda"));
    }
    PerformanceReport.write(new StartupResult(HEAP, checklist, bare));
  }

  private StartupResult.Footprint start(Path probeClasses, String application, String name, String... arguments)
      throws IOException, InterruptedException {
    Path database = directory.resolve(name);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-cp", probeClasses + File.pathSeparator + applicationClassPath(),
        StartupProbe.class.getName(), application,
        "--server.port=0", "--server.address=127.0.0.1",
        "--spring.datasource.url=jdbc:h2:file:" + database + "/db;AUTO_SERVER=TRUE;WRITE_DELAY=0"));
    command.addAll(List.of(arguments));
    Path output = directory.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    String probe = log.lines().filter(line -> line.startsWith(StartupProbe.MARK)).findFirst().orElse(null);
    assertThat(probe).as("%s did not start; its output ends:%n%s", application,
        log.substring(Math.max(0, log.length() - 3000))).isNotNull();
    String[] figures = probe.split(" ");
    StartupResult.Footprint footprint = new StartupResult.Footprint(Long.parseLong(figures[1]),
        Long.parseLong(figures[2]), Long.parseLong(figures[3]));
    System.out.printf("[benchmark] %s started: %s%n", application, footprint);
    return footprint;
  }

  /** The application's class path as Maven runs the tests, without the test classes and resources. */
  private static String applicationClassPath() {
    String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(testClassPath.split(File.pathSeparator))
        .filter(entry -> !entry.replace('\\', '/').endsWith("target/test-classes")
            && !entry.replace('\\', '/').endsWith("target/test-classes/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The probe and the bare application without the rest of the test classes (their processes and forms). */
  private Path probeClasses() throws IOException {
    Path testClasses = Path.of("target", "test-classes");
    Path probe = directory.resolve("probe-classes");
    for (String resource : List.of(
        StartupProbe.class.getName().replace('.', '/') + ".class",
        BareCamundaApplication.class.getName().replace('.', '/') + ".class",
        "bare-camunda.yaml")) {
      Path target = probe.resolve(resource);
      Files.createDirectories(target.getParent());
      Files.copy(testClasses.resolve(resource), target);
    }
    return probe;
  }
}

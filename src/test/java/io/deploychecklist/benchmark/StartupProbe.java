package io.deploychecklist.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run in a JVM of its own by the startup benchmark: starts the Spring Boot application named by its
 * first argument with the other arguments, then prints how long the JVM took until the application
 * was ready, the heap it keeps after a full collection, and the process's resident memory.
 */
public final class StartupProbe {

  static final String MARK = "STARTUP-PROBE";

  private StartupProbe() {
  }

  public static void main(String[] args) throws Exception {
    Class<?> application = Class.forName(args[0]);
    ConfigurableApplicationContext context = SpringApplication.run(application, Arrays.copyOfRange(args, 1, args.length));
    long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    System.gc();
    long heapBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println(MARK + " " + readyMillis + " " + heapBytes + " " + residentBytes());
    System.exit(SpringApplication.exit(context));
  }

  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }
}

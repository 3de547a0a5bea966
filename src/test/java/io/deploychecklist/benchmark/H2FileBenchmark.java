package io.deploychecklist.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The default profile on an H2 file database in a fresh temporary directory, with the application's
 * own H2 URL settings (application.yaml: AUTO_SERVER, WRITE_DELAY=0, ...); only the directory differs.
 * {@code -Dbenchmark.h2.options=;KEY=VALUE...} appends settings to try.
 */
@ContextConfiguration(initializers = H2FileBenchmark.TempFileDatabase.class)
class H2FileBenchmark extends TasklistCockpitBenchmark {

  static Path directory;
  static String url;

  /** The file is gigabytes after a thousand releases: remove it (Linux frees it when H2 closes it). */
  @org.junit.jupiter.api.AfterAll
  static void removeDatabase() throws IOException {
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @Override
  String database() {
    return "H2 file (default profile)";
  }

  @Override
  String databaseDetail() {
    return "`" + url.replace(directory.toString(), "<tmp>") + "`";
  }

  @Override
  long databaseBytes() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static class TempFileDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String configured = context.getEnvironment().getProperty("spring.datasource.url");
      if (configured == null || !configured.startsWith("jdbc:h2:file:./data/")) {
        throw new IllegalStateException("expected the application's H2 file URL, got " + configured);
      }
      try {
        directory = Files.createTempDirectory("checklist-benchmark-h2");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      url = configured.replace("./data/", directory + "/") + System.getProperty("benchmark.h2.options", "");
      TestPropertyValues.of("spring.datasource.url=" + url).applyTo(context);
    }
  }
}

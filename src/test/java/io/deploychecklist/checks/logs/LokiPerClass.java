package io.deploychecklist.checks.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Loki for a test class, registered as a static extension: started (in a temporary directory
 * of its own) by the first test that asks for it, so that where a real Loki is not installed each
 * test that needs one is reported as skipped by name, and stopped after the class.
 */
final class LokiPerClass implements AfterAllCallback {

  private final Function<Path, ? extends Loki> start;
  private Path dir;
  private Loki loki;

  /** @param start starts a Loki with its data in the given directory */
  LokiPerClass(Function<Path, ? extends Loki> start) {
    this.start = start;
  }

  /** The class's Loki, started now if it is not yet. */
  synchronized Loki get() {
    if (loki == null) {
      try {
        dir = Files.createTempDirectory("loki-");
        loki = start.apply(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a directory for Loki", e);
      } finally {
        if (loki == null) {
          delete();
        }
      }
    }
    return loki;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) throws Exception {
    try {
      if (loki != null) {
        loki.close();
      }
    } finally {
      loki = null;
      delete();
    }
  }

  private void delete() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
    dir = null;
  }
}

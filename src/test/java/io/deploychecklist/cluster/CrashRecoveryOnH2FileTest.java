package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery in the default profile on its H2 file database, exactly as configured
 * ({@code ./data/} relative to the working directory, here a temporary directory).
 */
class CrashRecoveryOnH2FileTest extends CrashRecoveryTest {

  @TempDir Path directory;

  @Override
  AppNode.Builder application(String name) {
    return AppNode.named(name).workingDirectory(directory).arguments(commonArguments());
  }

  @AfterEach
  void theReleasesLivedInTheTemporaryDirectory() {
    assertThat(Files.exists(directory.resolve("data/deployment-checklist.mv.db"))).isTrue();
  }
}

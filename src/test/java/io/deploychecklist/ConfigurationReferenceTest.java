package io.deploychecklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/configuration.md} is what the configuration metadata gives: a setting
 * added, removed or described anew in the code shows in the reference too.
 */
class ConfigurationReferenceTest {

  /** Run with this system property to write the reference instead of comparing it. */
  static final String WRITE = "configuration-reference.write";

  static final String REGENERATE =
      "mvn test -Dtest=ConfigurationReferenceTest -D" + WRITE + "=true";

  @Test
  void committedReferenceMatchesTheMetadata() throws IOException {
    assertThat(ConfigurationReference.METADATA)
        .as("the build writes the configuration metadata (spring-boot-configuration-processor)")
        .exists();
    String rendered = ConfigurationReference.render(ConfigurationReference.METADATA);
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(ConfigurationReference.DOCUMENT, rendered);
    }
    assertThat(Files.readString(ConfigurationReference.DOCUMENT))
        .as("docs/configuration.md is not what the configuration metadata gives; regenerate it with: "
            + REGENERATE)
        .isEqualTo(rendered);
  }

  @Test
  void javadocBecomesMarkdown() {
    assertThat(ConfigurationReference.markdown(
            "as in {@code up{job=\"...\"}}, see {@link DatabasePrivilege}\n   or {@link #MAX}"))
        .isEqualTo("as in `up{job=\"...\"}`, see DatabasePrivilege or MAX");
  }
}

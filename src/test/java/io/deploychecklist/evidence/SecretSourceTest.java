package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSourceTest {

  private final SecretSource secrets =
      Map.of("TOKEN", " s3cr3t\n", "BLANK", "  ")::get;

  @Test
  void findTrimsAndTreatsBlankOrUnsetAsAbsent() {
    assertThat(secrets.find(" TOKEN ")).contains("s3cr3t");
    assertThat(secrets.find("BLANK")).isEmpty();
    assertThat(secrets.find("UNSET")).isEmpty();
    assertThat(secrets.find(" ")).isEmpty();
    assertThat(secrets.find(null)).isEmpty();
  }

  @Test
  void requireRefusesANamedButUnsetVariableWithoutShowingAnyValue() {
    assertThat(secrets.require(null, "checklist.x.password-env")).isNull();
    assertThat(secrets.require("TOKEN", "checklist.x.password-env")).isEqualTo(" s3cr3t\n");
    assertThatThrownBy(() -> secrets.require("UNSET", "checklist.x.password-env"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the environment variable UNSET (named by checklist.x.password-env) is not set: "
            + "set it or clear checklist.x.password-env");
  }
}

package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile's start-up checks, without starting anything. */
class ProdSecurityConfigurationTest {

  @Test
  void aStrongPasswordPasses() {
    assertThat(ProdSecurityConfiguration.weakness("admin", "Release-Gate-2026!")).isNull();
    assertThatCode(() -> ProdSecurityConfiguration.check(env("admin", "Release-Gate-2026!"), false))
        .doesNotThrowAnyException();
  }

  @Test
  void weakPasswordsSayWhy() {
    assertThat(ProdSecurityConfiguration.weakness("admin", "demo")).contains("PASSWORD_POLICY_LENGTH");
    assertThat(ProdSecurityConfiguration.weakness("admin", "lowercase-only-1")).contains("UPPERCASE");
    assertThat(ProdSecurityConfiguration.weakness("ops", "Ops-Release-2026!")).isEqualTo("it contains the user id");
    assertThat(ProdSecurityConfiguration.weakness("admin", "Passw0rd!")).isEqualTo("it is a well-known password");
  }

  @Test
  void withLdapTheAdministratorsPasswordIsLdaps() {
    assertThatCode(() -> ProdSecurityConfiguration.check(env("admin", ""), true)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ProdSecurityConfiguration.check(env("admin", "")
        .withProperty("spring.h2.console.enabled", "true"), true))
        .isInstanceOf(InsecureConfigurationException.class).hasMessageContaining("H2 console");
  }

  @Test
  void noUserIdNoStart() {
    assertThatThrownBy(() -> ProdSecurityConfiguration.check(env("", "Release-Gate-2026!"), false))
        .isInstanceOf(InsecureConfigurationException.class).hasMessageContaining("no administrator user id");
  }

  private static MockEnvironment env(String user, String password) {
    return new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.id", user)
        .withProperty("camunda.bpm.admin-user.password", password);
  }
}

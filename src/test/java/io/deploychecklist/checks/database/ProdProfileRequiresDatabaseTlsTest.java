package io.deploychecklist.checks.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The prod profile requires TLS of the target's database by default (a connection without TLS
 * fails the database check); without the profile TLS is only reported; an operator can switch it
 * off through the environment.
 */
class ProdProfileRequiresDatabaseTlsTest {

  @Test
  void theProdProfileRequiresTls() throws IOException {
    assertThat(bind(false, Map.of()).requireTls()).isTrue();
  }

  @Test
  void withoutTheProdProfileTlsIsOnlyReported() throws IOException {
    assertThat(bind(true, Map.of()).requireTls()).isFalse();
  }

  @Test
  void theEnvironmentCanSwitchItOffInProd() throws IOException {
    assertThat(bind(false, Map.of("CHECKLIST_DATABASE_REQUIRETLS", "false")).requireTls()).isFalse();
  }

  private static DatabaseCheckProperties bind(boolean defaultProfileOnly, Map<String, Object> variables)
      throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    List<PropertySource<?>> files = new ArrayList<>();
    if (!defaultProfileOnly) {
      files.addAll(yaml.load("prod", new ClassPathResource("application-prod.yaml")));
    }
    files.addAll(yaml.load("base", new ClassPathResource("application.yaml")));
    // The profile's file outranks application.yaml; the environment outranks both.
    files.forEach(environment.getPropertySources()::addLast);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("checklist.database", DatabaseCheckProperties.class);
  }
}

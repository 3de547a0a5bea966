package io.deploychecklist.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.database.DatabaseCheckProperties;
import io.deploychecklist.checks.dns.DnsCheckProperties;
import io.deploychecklist.checks.external.ExternalServicesProperties;
import io.deploychecklist.checks.redis.RedisCheckProperties;
import io.deploychecklist.checks.tls.TlsCheckProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings bind as operators write them: in YAML (kebab-case keys) and as environment
 * variables (how the README tells to override any key).
 */
class InfrastructureChecksPropertiesTest {

  @Test
  void externalServicesBindFromYamlStyleKeys() {
    Binder binder =
        new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "checklist.external-services.openai.url", "https://api.openai.com/v1/models",
                    "checklist.external-services.openai.auth-env", "OPENAI_API_KEY",
                    "checklist.external-services.openai.auth-scheme", "Bearer",
                    "checklist.external-services.google-docs.url", "https://docs.googleapis.com/$discovery/rest?version=v1",
                    "checklist.external-services.notion.url", "https://api.notion.com/v1/users/me",
                    "checklist.external-services.notion.headers.Notion-Version", "2022-06-28",
                    "checklist.external-services.notion.timeout", "3s")));

    ExternalServicesProperties properties =
        binder.bind("checklist", ExternalServicesProperties.class).orElseGet(ExternalServicesProperties::defaults);

    assertThat(properties.externalServices().keySet())
        .containsExactly("crm", "platform", "openai", "googleDocs", "notion");
    ExternalServicesProperties.ExternalService openai = properties.externalServices().get("openai");
    assertThat(openai.authHeader()).isEqualTo("Authorization");
    assertThat(openai.authEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(openai.authScheme()).isEqualTo("Bearer");
    assertThat(properties.externalServices().get("googleDocs").configured()).isTrue();
    ExternalServicesProperties.ExternalService notion = properties.externalServices().get("notion");
    assertThat(notion.isOptional()).isTrue();
    assertThat(notion.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(notion.headers()).containsEntry("Notion-Version", "2022-06-28");
  }

  @Test
  void settingsBindFromEnvironmentVariables() {
    StandardEnvironment environment = new StandardEnvironment();
    // Spring maps names only for a source called "systemEnvironment": this one replaces the real one.
    environment.getPropertySources().replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.<String, Object>of(
                "CHECKLIST_EXTERNALSERVICES_GOOGLEDOCS_URL", "https://docs.example.com",
                "CHECKLIST_DATABASE_URL", "jdbc:postgresql://db:5432/app",
                "CHECKLIST_DATABASE_USER", "app",
                "CHECKLIST_DATABASE_PASSWORDENV", "CHECKLIST_DB_PASSWORD",
                "CHECKLIST_DATABASE_REQUIREDPRIVILEGES", "SELECT,INSERT on schema public",
                "CHECKLIST_REDIS_HOST", "redis.internal",
                "CHECKLIST_REDIS_PASSWORDENV", "CHECKLIST_REDIS_PASSWORD",
                "CHECKLIST_TLS_MINDAYSVALID", "14",
                "CHECKLIST_DNS_TIMEOUT", "2s")));
    Binder binder = new Binder(ConfigurationPropertySources.get(environment));

    ExternalServicesProperties services =
        binder.bind("checklist", ExternalServicesProperties.class).get();
    DatabaseCheckProperties database =
        binder.bind("checklist.database", DatabaseCheckProperties.class).get();
    RedisCheckProperties redis = binder.bind("checklist.redis", RedisCheckProperties.class).get();
    TlsCheckProperties tls = binder.bind("checklist.tls", TlsCheckProperties.class).get();
    DnsCheckProperties dns = binder.bind("checklist.dns", DnsCheckProperties.class).get();

    assertThat(services.externalServices().get("googleDocs").url()).isEqualTo("https://docs.example.com");
    assertThat(services.externalServices()).doesNotContainKey("googledocs");
    assertThat(database.passwordEnv()).isEqualTo("CHECKLIST_DB_PASSWORD");
    assertThat(database.requiredPrivileges()).containsExactly("SELECT,INSERT on schema public");
    assertThat(redis.host()).isEqualTo("redis.internal");
    assertThat(redis.passwordEnv()).isEqualTo("CHECKLIST_REDIS_PASSWORD");
    assertThat(tls.minDaysValid()).isEqualTo(14);
    assertThat(dns.timeout()).isEqualTo(Duration.ofSeconds(2));
  }
}

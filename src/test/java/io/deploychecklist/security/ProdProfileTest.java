package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.DeploymentChecklistApplication;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.targets.TargetProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile: the administrator's credentials come from the environment, a missing or weak
 * password stops the start with a clear message, no demo user exists, cookies are Secure, the H2
 * console stays off, every response carries HSTS. The tests start the application themselves (an
 * in-memory H2 instead of prod's PostgreSQL), with the settings as command-line arguments, which
 * win over real environment variables of the machine running the tests; the two tests of a running
 * application share one start.
 */
class ProdProfileTest {

  static final String STRONG = "Release-Gate-2026!";
  static final String SECURE = "(?i);\\s*Secure(;|$)";
  static final String ADMIN = "opsadmin";

  /** Started by the first test that needs it running, with {@link #ADMIN} and {@link #STRONG}. */
  private static ConfigurableApplicationContext running;

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void refusesToStartWithoutTheAdminPasswordFromTheEnvironment() {
    assertThatThrownBy(() -> start("--CHECKLIST_ADMIN_PASSWORD="))
        .satisfies(failure -> assertThat(insecure(failure).getMessage())
            .contains("needs the administrator's password from the environment", "CHECKLIST_ADMIN_PASSWORD is not set"));
  }

  @Test
  void refusesToStartWithAWeakAdminPassword() {
    for (String weak : List.of("demo", "admin", "password", "Short1!", "alllowercase1!", "ALLUPPERCASE1!",
        "NoDigitsHere!", "NoSymbols123", "Admin-Secret-123", "Passw0rd!")) {
      assertThatThrownBy(() -> start("--CHECKLIST_ADMIN_PASSWORD=" + weak)).as(weak)
          .satisfies(failure -> assertThat(insecure(failure).getMessage())
              .contains("CHECKLIST_ADMIN_PASSWORD", "too weak"));
    }
  }

  @Test
  void refusesToEnableTheH2Console() {
    assertThatThrownBy(() -> start("--CHECKLIST_ADMIN_PASSWORD=" + STRONG, "--spring.h2.console.enabled=true"))
        .satisfies(failure -> assertThat(insecure(failure).getMessage()).contains("H2 console"));
  }

  @Test
  void startsWithAStrongPasswordAndCreatesNoDemoUser() {
    ConfigurableApplicationContext app = running();
    IdentityService identity = app.getBean(IdentityService.class);
    assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("opsadmin");
    assertThat(identity.createUserQuery().userId("opsadmin").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isOne();
    assertThat(identity.checkPassword("opsadmin", STRONG)).isTrue();
    for (ChecklistGroup group : ChecklistGroup.values()) {
      assertThat(identity.createGroupQuery().groupId(group.id).count()).as(group.id).isOne();
    }
    assertThat(app.getEnvironment().getActiveProfiles()).contains("prod", "prod-security");

    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    assertThat(Rest.anonymous(port).get("/task").status()).isEqualTo(401);
    assertThat(Rest.as(port, "manager", "demo").get("/task").status()).as("no demo users").isEqualTo(401);
    assertThat(Rest.as(port, "opsadmin", STRONG).get("/user").status()).isEqualTo(200);
    assertThat(new Webapp(port).get("/h2-console").status()).isEqualTo(404);
    assertThat(new Webapp(port).get("/demo-target/health").status()).isEqualTo(404);
    assertThat(app.getBean(TargetProperties.class).allowedHosts())
        .as("prod: public targets only, until the operator lists more").isEmpty();

    Webapp browser = new Webapp(port);
    assertThat(browser.logIn("opsadmin", STRONG, "admin")).isEqualTo(200);
    List<String> cookies = browser.setCookieHeaders();
    assertThat(cookies).filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN=")).isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsPattern(SECURE));
    assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsPattern(SECURE).containsPattern("(?i);\\s*HttpOnly(;|$)"));

    // Users created later follow Camunda's password policy too: a 400 with the engine's message.
    Rest.Reply weakUser = Rest.as(port, "opsadmin", STRONG).post("/user/create", "{\"profile\":{\"id\":\"weakling\"},"
        + "\"credentials\":{\"password\":\"demo\"}}");
    assertThat(weakUser.status()).as(weakUser.toString()).isEqualTo(400);
    assertThat(weakUser.message()).containsIgnoringCase("password");
    assertThat(identity.createUserQuery().userId("weakling").count()).isZero();
  }

  @Test
  void everyResponseCarriesStrictTransportSecurity() {
    ConfigurableApplicationContext app = running();
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    String admin = Credentials.basic(ADMIN, STRONG);
    // The webapps, their API, the REST API, refusals of this application's filters, unknown paths.
    List<String[]> requests = List.of(
        new String[] {"/camunda/app/", null},
        new String[] {"/camunda/app/tasklist/default/", null},
        new String[] {"/camunda/api/engine/engine/", null},
        new String[] {"/camunda/api/admin/setup/default/user/create", null},
        new String[] {"/engine-rest/task", null},
        new String[] {"/engine-rest/user", admin},
        new String[] {"/no-such-page", null});
    for (String[] request : requests) {
      assertThat(hsts(port, request[0], request[1])).as("GET %s", request[0])
          .isEqualTo("max-age=31536000; includeSubDomains");
    }
  }

  // ------------------------------------------------------------------ helpers

  private static synchronized ConfigurableApplicationContext running() {
    if (running == null) {
      running = start("--CHECKLIST_ADMIN_USER=" + ADMIN, "--CHECKLIST_ADMIN_PASSWORD=" + STRONG);
    }
    return running;
  }

  /** The Strict-Transport-Security header of a GET (one header, or the test fails). */
  static String hsts(int port, String path, String authorization) {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    try (Response response = http.newCall(request.build()).execute()) {
      List<String> values = response.headers("Strict-Transport-Security");
      assertThat(values).as("HSTS headers of %s (HTTP %d)", path, response.code()).hasSizeLessThan(2);
      return values.isEmpty() ? null : values.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }

  /**
   * The application with the prod profile, on a random port of 127.0.0.1, in-memory H2 instead of
   * prod's database, no job executor.
   */
  private static ConfigurableApplicationContext start(String... arguments) {
    List<String> args = new ArrayList<>(List.of(
        // The prod database settings must be there (the database check refuses to start without
        // them); this test is about security settings, so the datasource itself is an H2 in memory.
        "--CHECKLIST_DB_URL=jdbc:postgresql://127.0.0.1:9/not-used",
        "--CHECKLIST_DB_USER=not-used",
        "--CHECKLIST_DB_PASSWORD=not-used",
        "--spring.datasource.url=jdbc:h2:mem:prod-profile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--spring.datasource.driver-class-name=org.h2.Driver",
        "--spring.datasource.username=sa",
        "--spring.datasource.password=",
        "--camunda.bpm.database.type=h2",
        "--camunda.bpm.job-execution.enabled=false",
        "--server.port=0",
        "--server.address=127.0.0.1"));
    args.addAll(Arrays.asList(arguments));
    return new SpringApplicationBuilder(DeploymentChecklistApplication.class)
        .profiles("prod")
        .run(args.toArray(String[]::new));
  }

  private static InsecureConfigurationException insecure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InsecureConfigurationException insecure) {
        return insecure;
      }
    }
    throw new AssertionError("not refused as insecure", failure);
  }
}

package io.deploychecklist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Any active profile switches the demo target off. The profile is not "prod" on purpose: a real
 * prod profile brings its own database settings, which this test does not want to depend on.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:demo-target-absent-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("no-demo")
class DemoTargetAbsentTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void noDemoTargetOutsideTheDefaultProfile() throws IOException {
    assertThat(context.getBeanProvider(DemoTarget.class).getIfAvailable()).isNull();
    assertThat(context.getBeanProvider(DemoTargetMode.class).getIfAvailable()).isNull();

    Request request =
        new Request.Builder().url("http://localhost:" + port + "/demo-target/health").build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(404);
    }
  }
}

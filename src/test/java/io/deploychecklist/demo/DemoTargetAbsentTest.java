package io.deploychecklist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.ApplicationTest;
import io.deploychecklist.cluster.OnPostgres;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Any active profile switches the demo target off: here prod, in the shared application on
 * PostgreSQL (a profile of its own would start one more application just for this).
 */
@ApplicationTest
@OnPostgres
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

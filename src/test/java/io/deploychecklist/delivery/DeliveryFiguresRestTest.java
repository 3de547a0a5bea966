package io.deploychecklist.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/releases/metrics}: who may read the delivery figures, and what bad input gets. */
class DeliveryFiguresRestTest extends SecuredApplicationTest {

  @Test
  void deploymentManagersAndOperatorsReadTheFigures() {
    for (String user : new String[] {"manager", "operator"}) {
      Rest.Reply answer = get("/api/releases/metrics?from=2026-01-01&to=2026-02-01&environment=production", user);
      assertThat(answer.status()).as(user).isEqualTo(200);
      JsonNode figures = answer.json();
      assertThat(figures.path("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(figures.path("environment").asText()).isEqualTo("production");
      assertThat(figures.has("releasesPerWeek")).isTrue();
      assertThat(figures.has("changeFailureRate")).isTrue();
    }
    // Without a period: the last 30 days.
    assertThat(get("/api/releases/metrics", "manager").status()).isEqualTo(200);
  }

  @Test
  void nobodyElseReadsThem() {
    Rest.Reply anonymous = get("/api/releases/metrics", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("releasesPerWeek");
    for (String user : new String[] {"qa", "platform", "techlead", "product"}) {
      assertThat(get("/api/releases/metrics", user).status()).as(user).isEqualTo(403);
    }
  }

  @Test
  void aBadPeriodIsRefusedNamingTheField() {
    Rest.Reply badDate = get("/api/releases/metrics?from=yesterday", "manager");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.json().path("field").asText()).isEqualTo("from");
    assertThat(badDate.body()).doesNotContain("Exception:", "\tat ");

    Rest.Reply reversed = get("/api/releases/metrics?from=2026-02-01&to=2026-01-01", "manager");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().path("message").asText()).startsWith("from must be before to");

    assertThat(get("/api/releases/metrics?to=2026-13-01", "manager").json().path("field").asText()).isEqualTo("to");
  }

  private Rest.Reply get(String path, String user) {
    return Rest.application(port, user, PASSWORD).get(path);
  }
}

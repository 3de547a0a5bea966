package io.deploychecklist.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of Alertmanager's routing that {@link AlertRoutingCheckTest} does not reach through its
 * one configuration: the matchers syntax's negations, quoting and braces. The routing itself is
 * tested against a real Alertmanager there.
 */
class AlertmanagerRoutesTest {

  private static List<String> receivers(String yaml, Map<String, String> labels) {
    return AlertmanagerRoutes.parse(yaml).route(labels).stream().map(AlertmanagerRoutes.Routed::receiver).toList();
  }

  @Test
  void negationsQuotingAndBracesAreRead() {
    String yaml = """
        route:
          receiver: fallback
          routes:
            - matchers: ['{env!="staging", team!~"qa|test"}']
              receiver: prod
            - matchers: ['service=content-generator', 'summary="a, b"']
              receiver: quoted
        receivers: [{name: fallback}, {name: prod}, {name: quoted}]
        """;

    assertThat(receivers(yaml, Map.of("env", "production", "team", "content"))).containsExactly("prod");
    assertThat(receivers(yaml, Map.of("env", "staging", "team", "content"))).containsExactly("fallback");
    assertThat(receivers(yaml, Map.of("env", "staging", "service", "content-generator", "summary", "a, b")))
        .containsExactly("quoted");
    assertThat(receivers(yaml, Map.of("team", "qa"))).as("a missing env is empty, not staging: the team decides")
        .containsExactly("fallback");
  }

  @Test
  void regularExpressionsAreAnchored() {
    String yaml = """
        route:
          receiver: fallback
          routes:
            - match_re: {job: "api"}
              receiver: api
        receivers: [{name: fallback}, {name: api}]
        """;

    assertThat(receivers(yaml, Map.of("job", "api"))).containsExactly("api");
    assertThat(receivers(yaml, Map.of("job", "billing-api"))).containsExactly("fallback");
  }

  @Test
  void aConfigurationWithoutRouteIsNotAnAlertmanagers() {
    assertThatThrownBy(() -> AlertmanagerRoutes.parse("")).hasMessageContaining("no route");
    assertThatThrownBy(() -> AlertmanagerRoutes.parseMatchers("job=\"a\" junk"))
        .hasMessageContaining("cannot read the Alertmanager matcher");
  }
}

package io.deploychecklist.checks.logs;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LogsCheckTest}'s scenarios against {@link LokiApi}, the stand-in that answers as Loki's
 * documented HTTP API does, since no Grafana Loki can be installed on this project's machines.
 */
class LogsCheckOnLokiApiTest extends LogsCheckTest {

  @RegisterExtension static final LokiPerClass LOKI = new LokiPerClass(dir -> LokiApi.start());

  @Override
  Loki loki() {
    return LOKI.get();
  }
}

package io.deploychecklist.checks.logs;

import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CheckLogsDelegateTest}'s scenarios against {@link LokiApi}, the stand-in that answers as
 * Loki's documented HTTP API does, since no Grafana Loki can be installed on this project's
 * machines.
 */
class CheckLogsDelegateOnLokiApiTest extends CheckLogsDelegateTest {

  @RegisterExtension static final LokiPerClass LOKI = new LokiPerClass(dir -> LokiApi.start());

  @RegisterExtension static final ProcessEngineExtension ENGINE = newEngine();

  @Override
  Loki loki() {
    return LOKI.get();
  }

  @Override
  ProcessEngineExtension engine() {
    return ENGINE;
  }
}

package io.deploychecklist.checks.logs;

import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CheckLogsDelegateTest}'s scenarios against a real Grafana Loki ({@link LokiProcess}).
 * Where no Grafana Loki is installed, as on this project's machines, each test that needs it is
 * reported as skipped, by name.
 */
class CheckLogsDelegateOnLokiTest extends CheckLogsDelegateTest {

  @RegisterExtension static final LokiPerClass LOKI = new LokiPerClass(LokiProcess::start);

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

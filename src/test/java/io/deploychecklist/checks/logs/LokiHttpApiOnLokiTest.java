package io.deploychecklist.checks.logs;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LokiHttpApiTest} against a real Grafana Loki ({@link LokiProcess}). Where no Grafana Loki
 * is installed, as on this project's machines, each test is reported as skipped, by name.
 */
class LokiHttpApiOnLokiTest extends LokiHttpApiTest {

  @RegisterExtension static final LokiPerClass LOKI = new LokiPerClass(LokiProcess::start);

  @Override
  Loki loki() {
    return LOKI.get();
  }
}

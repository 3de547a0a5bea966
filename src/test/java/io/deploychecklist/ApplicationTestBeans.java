package io.deploychecklist;

import io.deploychecklist.turns.HeldCompletions;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The test beans of the shared application ({@link ApplicationTest}). Each does nothing until a
 * test switches it on, and the test switches it off again.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApplicationTestBeans {

  @Bean
  @Primary
  TestSecrets testSecrets() {
    return new TestSecrets();
  }

  @Bean
  ProcessEnginePlugin heldCompletionsPlugin() {
    return HeldCompletions.plugin();
  }
}

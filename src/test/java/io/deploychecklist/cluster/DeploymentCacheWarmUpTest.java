package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.security.SecuredApplicationTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;

/** Every deployed process definition is parsed before any job runs (see DeploymentCacheWarmUp). */
class DeploymentCacheWarmUpTest extends SecuredApplicationTest {

  @Test
  void everyProcessDefinitionIsInTheDeploymentCacheOnceTheApplicationRuns() {
    DeploymentCache cache = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache();
    cache.getProcessDefinitionCache().clear();

    new DeploymentCacheWarmUp(repository).run(null);

    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      assertThat(cache.getProcessDefinitionCache().get(definition.getId())).as(definition.getKey()).isNotNull();
    }
  }
}

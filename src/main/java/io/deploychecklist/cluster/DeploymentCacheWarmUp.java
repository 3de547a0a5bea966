package io.deploychecklist.cluster;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Parses every deployed process definition into this node's deployment cache at start-up, one at a
 * time, before the job executor starts (the Camunda starter starts it when the application is
 * ready, after the application runners).
 *
 * <p>Why: a node parses a definition another node deployed when it first needs it. When two job
 * threads need the same one at the same moment (two releases' joins continuing into the
 * post-deployment phase), one of them can see the definition before its job declarations know
 * their job definitions, and the timer it creates fails with "Invalid process definition id:
 * processDefinitionId is null" (the job is retried, but a person waits and an operator sees a
 * failure). Parsed once, up front, the definitions are complete whoever uses them.
 */
@Component
class DeploymentCacheWarmUp implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentCacheWarmUp.class);

  private final RepositoryService repository;

  DeploymentCacheWarmUp(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public void run(ApplicationArguments args) {
    int parsed = 0;
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      repository.getProcessDefinition(definition.getId());
      parsed++;
    }
    LOG.info("Deployment cache holds {} process definitions", parsed);
  }
}

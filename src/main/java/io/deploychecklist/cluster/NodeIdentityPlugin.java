package io.deploychecklist.cluster;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * Names this node in what the nodes share: the job log ({@code ACT_HI_JOB_LOG.HOSTNAME_}) says which
 * node ran a job, and a job's lock owner ({@code ACT_RU_JOB.LOCK_OWNER_}) which node holds it. The
 * lock owner stays unique per start (name plus a random suffix), so two nodes given the same name
 * by mistake still never share locks.
 */
@Component
class NodeIdentityPlugin extends AbstractProcessEnginePlugin {

  private final NodeProperties node;

  NodeIdentityPlugin(NodeProperties node) {
    this.node = node;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (node.named()) {
      configuration.setHostname(node.name().trim());
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (node.named() && jobExecutor != null) {
      jobExecutor.setLockOwner(lockOwner(node.name().trim()));
    }
  }

  static String lockOwner(String nodeName) {
    return nodeName + "/" + UUID.randomUUID();
  }
}

package io.deploychecklist.checks.redis;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.EvidenceRecorder;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks the target's Redis as configured under {@code checklist.redis}. Optional input mapping
 * {@code checkName} (default {@code redis}); reads no process variable; writes {@code
 * check_<checkName>}. The check itself is {@link RedisCheck}.
 */
@Component("checkRedisDelegate")
class CheckRedisDelegate implements JavaDelegate {

  private final RedisCheck check;
  private final RedisCheckProperties properties;

  CheckRedisDelegate(RedisCheck check, RedisCheckProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(RedisCheck.DEFAULT_CHECK_NAME);
    EvidenceRecorder.record(execution, check.check(checkName, properties));
  }
}

package io.deploychecklist.checks.redis;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the target's Redis as configured under {@code checklist.redis}. Optional input mapping
 * {@code checkName} (default {@code redis}); reads no process variable; writes {@code
 * check_<checkName>} and {@code check_<checkName>PasswordRequired} (whether Redis refuses a client
 * without a password). The check itself is {@link RedisCheck}.
 */
@Component("checkRedisDelegate")
class CheckRedisDelegate extends CheckDelegate {

  private final RedisCheck check;
  private final RedisCheckProperties properties;

  CheckRedisDelegate(RedisCheck check, RedisCheckProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(RedisCheck.DEFAULT_CHECK_NAME);
    return List.of(
        check.check(checkName, properties),
        check.checkPasswordRequired(BpmnInputs.prefixed(checkName, RedisCheck.PASSWORD_REQUIRED), properties));
  }
}

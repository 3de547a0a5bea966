package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the target's PostgreSQL as configured under {@code checklist.database}. Optional input
 * mapping {@code checkName} (default {@code database}); reads no process variable; writes {@code
 * check_<checkName>}. The check itself is {@link DatabaseCheck}.
 */
@Component("checkDatabaseDelegate")
class CheckDatabaseDelegate extends CheckDelegate {

  private final DatabaseCheck check;
  private final DatabaseCheckProperties properties;

  CheckDatabaseDelegate(DatabaseCheck check, DatabaseCheckProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(DatabaseCheck.DEFAULT_CHECK_NAME);
    return List.of(check.check(checkName, properties));
  }
}

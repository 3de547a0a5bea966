package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks WAL archiving of the target's PostgreSQL (sections 1 and 15), over the connection {@code checklist.database} configures and as {@code
 * checklist.database-operations} says. Optional input mapping {@code checkName} (default {@code
 * walArchiving}); reads no process variable; writes {@code check_<checkName>}. The check itself is
 * {@link DatabaseOperationsCheck#walArchiving}.
 */
@Component("checkWalArchivingDelegate")
class CheckWalArchivingDelegate extends CheckDelegate {

  private final DatabaseOperationsCheck check;
  private final DatabaseCheckProperties database;
  private final DatabaseOperationsProperties operations;

  CheckWalArchivingDelegate(
      DatabaseOperationsCheck check, DatabaseCheckProperties database, DatabaseOperationsProperties operations) {
    this.check = check;
    this.database = database;
    this.operations = operations;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName = BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME)
        .orElse(DatabaseOperationsCheck.WAL_ARCHIVING);
    return List.of(check.walArchiving(checkName, database, operations));
  }
}

package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the service tasks of the PostgreSQL operations checks share: one check of
 * {@link DatabaseOperationsCheck} over the connection {@code checklist.database} configures and as
 * {@code checklist.database-operations} says. Optional input mapping {@code checkName} (default: the
 * check's own name); reads no process variable; writes {@code check_<checkName>}.
 */
abstract class DatabaseOperationDelegate extends CheckDelegate {

  /** One of the checks of {@link DatabaseOperationsCheck}. */
  @FunctionalInterface
  interface Operation {
    Evidence run(DatabaseOperationsCheck check, String checkName, DatabaseCheckProperties database,
        DatabaseOperationsProperties operations);
  }

  private final DatabaseOperationsCheck check;
  private final DatabaseCheckProperties database;
  private final DatabaseOperationsProperties operations;
  private final String defaultName;
  private final Operation operation;

  DatabaseOperationDelegate(DatabaseOperationsCheck check, DatabaseCheckProperties database,
      DatabaseOperationsProperties operations, String defaultName, Operation operation) {
    this.check = check;
    this.database = database;
    this.operations = operations;
    this.defaultName = defaultName;
    this.operation = operation;
  }

  @Override
  protected final List<Evidence> check(DelegateExecution execution) {
    String checkName = BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(defaultName);
    return List.of(operation.run(check, checkName, database, operations));
  }
}

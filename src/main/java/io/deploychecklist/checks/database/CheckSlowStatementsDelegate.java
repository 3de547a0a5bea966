package io.deploychecklist.checks.database;

import org.springframework.stereotype.Component;

/**
 * Checks the slowest statements of the target's PostgreSQL (section 13):
 * {@link DatabaseOperationsCheck#slowStatements}, recorded as {@code check_slowStatements} unless mapped otherwise.
 */
@Component("checkSlowStatementsDelegate")
class CheckSlowStatementsDelegate extends DatabaseOperationDelegate {

  CheckSlowStatementsDelegate(DatabaseOperationsCheck check, DatabaseCheckProperties database,
      DatabaseOperationsProperties operations) {
    super(check, database, operations, DatabaseOperationsCheck.SLOW_STATEMENTS,
        DatabaseOperationsCheck::slowStatements);
  }
}

package io.deploychecklist.checks.database;

import org.springframework.stereotype.Component;

/**
 * Checks WAL archiving of the target's PostgreSQL (sections 1 and 15):
 * {@link DatabaseOperationsCheck#walArchiving}, recorded as {@code check_walArchiving} unless mapped otherwise.
 */
@Component("checkWalArchivingDelegate")
class CheckWalArchivingDelegate extends DatabaseOperationDelegate {

  CheckWalArchivingDelegate(DatabaseOperationsCheck check, DatabaseCheckProperties database,
      DatabaseOperationsProperties operations) {
    super(check, database, operations, DatabaseOperationsCheck.WAL_ARCHIVING,
        DatabaseOperationsCheck::walArchiving);
  }
}

package io.deploychecklist.checks.database;

import org.springframework.stereotype.Component;

/**
 * Checks the replicas streaming from the target's PostgreSQL (section 1):
 * {@link DatabaseOperationsCheck#replication}, recorded as {@code check_replication} unless mapped otherwise.
 */
@Component("checkReplicationDelegate")
class CheckReplicationDelegate extends DatabaseOperationDelegate {

  CheckReplicationDelegate(DatabaseOperationsCheck check, DatabaseCheckProperties database,
      DatabaseOperationsProperties operations) {
    super(check, database, operations, DatabaseOperationsCheck.REPLICATION,
        DatabaseOperationsCheck::replication);
  }
}

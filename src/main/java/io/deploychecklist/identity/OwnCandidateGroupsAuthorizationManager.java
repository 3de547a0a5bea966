package io.deploychecklist.identity;

import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * The engine's authorization manager, which does not check grant by grant what a task query's own
 * filter already guarantees: that the user may read every task of one of their own candidate
 * groups.
 *
 * <p>The engine grants a task's candidate groups READ and TASK_WORK on that task when it adds them
 * (one grant per task and group, deleted with the candidate link). A query for "tasks of my groups"
 * (Tasklist's group filters, {@code GET /task?candidateGroup=...}) therefore returns only tasks the
 * user may read, and checking each task's grant only costs time: with a thousand releases in flight
 * it joined every task of the group with the grants (docs/performance.md). Such a query runs without
 * that join when all of these hold:
 * <ul>
 *   <li>it is restricted to candidate groups, all of them the user's own, and to nothing wider (no
 *       candidate user, no group pattern, no OR query);</li>
 *   <li>no REVOKE applies to the user or their groups (an administrator's REVOKE is honoured by
 *       the full check, as before).</li>
 * </ul>
 * Any other task query is checked grant by grant, as the engine does. Opening, claiming and
 * completing a task still need its grants.
 */
public class OwnCandidateGroupsAuthorizationManager extends AuthorizationManager {

  @Override
  public void configureTaskQuery(TaskQueryImpl query) {
    super.configureTaskQuery(query);
    AuthorizationCheck check = query.getAuthCheck();
    Authentication authentication = getCurrentAuthentication();
    if (check.isAuthorizationCheckEnabled() && authentication != null
        && onlyOwnCandidateGroups(query, authentication.getGroupIds())
        // Set by the engine's own check above: whether a REVOKE may apply to this user.
        && !check.isRevokeAuthorizationCheckEnabled()) {
      check.setAuthorizationCheckEnabled(false);
    }
  }

  static boolean onlyOwnCandidateGroups(TaskQueryImpl query, List<String> ownGroups) {
    if (query.isOrQueryActive() || query.getQueries().size() != 1 || query.getCandidateUser() != null
        || query.getCandidateGroupLike() != null || ownGroups == null) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    return groups != null && !groups.isEmpty() && ownGroups.containsAll(groups);
  }
}

package io.deploychecklist.identity;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting: the authenticated user (Tasklist, the REST API, any caller that authenticated),
 * else, for a task, its assignee. Empty for the engine acting on its own (a job, a timer) or trusted
 * Java code that did not authenticate: nobody to hold to a four-eyes rule.
 */
public final class Actor {

  public static Optional<String> of(DelegateTask task) {
    return authenticated(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication())
        .or(() -> Optional.ofNullable(blankToNull(task.getAssignee())));
  }

  public static Optional<String> of(DelegateExecution execution) {
    return authenticated(execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
  }

  private static Optional<String> authenticated(Authentication authentication) {
    return Optional.ofNullable(authentication).map(Authentication::getUserId).map(Actor::blankToNull);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private Actor() {}
}

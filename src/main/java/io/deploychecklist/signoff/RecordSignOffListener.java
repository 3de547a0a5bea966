package io.deploychecklist.signoff;

import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records who signed and when (the seed's "Name ___ Date ___"), from the authenticated user rather
 * than from a form field anyone could type into.
 */
@Component("recordSignOffListener")
class RecordSignOffListener implements TaskListener {

  private final IdentityService identityService;

  RecordSignOffListener(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    SignOff signOff = SignOff.ofTask(task.getTaskDefinitionKey())
        .orElseThrow(() -> new IllegalStateException(
            "recordSignOffListener is attached to " + task.getTaskDefinitionKey() + ", which is no sign-off"));
    task.setVariable(signOff.signedByVariable(), signer(task));
    task.setVariable(signOff.signedAtVariable(), ClockUtil.getCurrentTime());
  }

  private String signer(DelegateTask task) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee();
  }
}

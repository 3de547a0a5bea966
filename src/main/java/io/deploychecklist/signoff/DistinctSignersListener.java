package io.deploychecklist.signoff;

import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_MANAGER;
import static io.deploychecklist.process.ProductionDeployment.Vars.INITIATOR;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.turns.Turns;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Four eyes on the final sign-off (section 17), enforced when a sign-off is completed:
 * <ul>
 *   <li>the three sign-offs come from three different people;
 *   <li>the product owner's sign-off comes from neither the person who started the release
 *       ({@code initiator}) nor its deployment manager ({@code deploymentManager}).
 * </ul>
 * Who signs is the authenticated user, else the assignee (as {@link RecordSignOffListener} records
 * it); the engine acting on its own is not held to it. A refusal is a form validation failure:
 * the task stays open, nothing of the attempt is kept, the REST API answers 400 with the message.
 */
public final class DistinctSignersListener implements TaskListener {

  /** Whether the task is one of the three sign-offs. */
  public static boolean appliesTo(String taskDefinitionKey) {
    return SignOff.ofTask(taskDefinitionKey).isPresent();
  }

  @Override
  public void notify(DelegateTask task) {
    SignOff signOff = SignOff.ofTask(task.getTaskDefinitionKey()).orElseThrow();
    Optional<String> signer = Actor.of(task);
    if (signer.isEmpty()) {
      return;
    }
    String who = signer.get();
    // Two sign-offs by one person at the same moment: the second waits and reads the first.
    Turns.waitForTurn();
    for (SignOff other : SignOff.values()) {
      if (other != signOff && who.equals(committedValue(task, other.signedByVariable()))) {
        throw refuse(task, signOff, who + " already signed off as " + other.role
            + "; the three sign-offs need three different people");
      }
    }
    if (signOff == SignOff.PRODUCT_OWNER) {
      if (who.equals(task.getVariable(INITIATOR))) {
        throw refuse(task, signOff, who + " started this release and cannot also sign off as "
            + signOff.role);
      }
      if (who.equals(task.getVariable(DEPLOYMENT_MANAGER))) {
        throw refuse(task, signOff, who + " is this release's deployment manager and cannot also"
            + " sign off as " + signOff.role);
      }
    }
  }

  /**
   * The variable as the database has it now: what this transaction already read of the release
   * may be older than a sign-off committed while it waited for its turn.
   */
  private static Object committedValue(DelegateTask task, String name) {
    return task.getProcessEngineServices().getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(task.getProcessInstanceId()).variableName(name).list().stream()
        .map(VariableInstance::getValue).findFirst().orElse(null);
  }

  private static FormFieldValidationException refuse(DelegateTask task, SignOff signOff, String why) {
    String name = task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
    return new FormFieldValidationException(signOff.field,
        "Cannot complete \"" + name + "\": " + why + " (four eyes)");
  }
}

package io.deploychecklist.notify;

import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.evidence.ReleaseInstance;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.Rollback;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people about a release through the webhook: when it starts, when a task waits for a group,
 * when verification fails, when a rollback starts and when it ends. Hooks into the engine through
 * the Camunda Spring Boot starter's event bridge ({@code camunda.bpm.eventing.execution} and
 * {@code .task}, on by default), so no BPMN element needs a listener. The listeners run inside the
 * engine's transaction: they only build the message and queue it in {@link NotificationOutbox},
 * which has it sent after the commit; they never throw.
 */
@Component
class ReleaseNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseNotifications.class);
  static final String PREFIX = "notification_";

  private final NotificationOutbox outbox;
  private final NotificationTexts texts;

  ReleaseNotifications(NotificationOutbox outbox, NotificationProperties properties) {
    this.outbox = outbox;
    this.texts = new NotificationTexts(properties.baseUrl());
  }

  static String checkName(NotificationEvent event) {
    return PREFIX + event.name;
  }

  @EventListener
  public void onExecution(DelegateExecution execution) {
    try {
      if (execution instanceof ExecutionEntity entity) {
        handle(entity);
      }
    } catch (RuntimeException e) {
      // A notification must never break the release.
      LOG.warn("Notification skipped after an error in {}: {}", execution.getCurrentActivityId(), e.toString());
    }
  }

  @EventListener
  public void onTask(DelegateTask task) {
    try {
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) && task.getExecution() != null) {
        handleCreated(task);
      }
    } catch (RuntimeException e) {
      LOG.warn("Notification skipped after an error in task {}: {}", task.getTaskDefinitionKey(), e.toString());
    }
  }

  private void handle(ExecutionEntity execution) {
    String event = execution.getEventName();
    String key = execution.getProcessDefinition() == null ? null : execution.getProcessDefinition().getKey();
    boolean processLevel = execution.getEventSource() instanceof ProcessDefinitionImpl;
    String activity = processLevel ? null : execution.getCurrentActivityId();

    if (ProductionDeployment.KEY.equals(key) && ExecutionListener.EVENTNAME_END.equals(event)
        && ProductionDeployment.Elements.START.equals(activity)) {
      // After the start event: the start listener has filled in the defaults.
      releaseStarted(execution);
    } else if (ProductionDeployment.KEY.equals(key) && processLevel && ExecutionListener.EVENTNAME_END.equals(event)) {
      String release = execution.getProcessInstanceId();
      send(execution, NotificationEvent.RELEASE_ENDED, checkName(NotificationEvent.RELEASE_ENDED),
          texts.releaseEnded(version(execution), text(execution, ProductionDeployment.Vars.OUTCOME), release), release);
    } else if (Rollback.KEY.equals(key) && processLevel && ExecutionListener.EVENTNAME_START.equals(event)) {
      String release = ReleaseInstance.root(execution).getProcessInstanceId();
      send(execution, NotificationEvent.ROLLBACK_STARTED, checkName(NotificationEvent.ROLLBACK_STARTED),
          texts.rollbackStarted(version(execution), text(execution, ProductionDeployment.Vars.ROLLBACK_TRIGGER),
              text(execution, ProductionDeployment.Vars.ROLLBACK_REASON), release), release);
    } else if (ExecutionListener.EVENTNAME_START.equals(event) && activity != null) {
      String what = verificationFailure(key, activity);
      if (what != null) {
        String release = ReleaseInstance.root(execution).getProcessInstanceId();
        String reason = DeploymentDay.Elements.VERIFICATION_FAILED.equals(activity)
            ? text(execution, DeploymentDay.Vars.VERIFICATION_FAILURE_REASON)
            : text(execution, "failedChecksSummary");
        send(execution, NotificationEvent.VERIFICATION_FAILED, checkName(NotificationEvent.VERIFICATION_FAILED),
            texts.verificationFailed(version(execution), what, reason, release), release);
      }
    }
  }

  private static String verificationFailure(String processKey, String activity) {
    if (DeploymentDay.KEY.equals(processKey)) {
      if (DeploymentDay.Elements.HEALTH_CHECKS_FAILED.equals(activity)) {
        return "post-deployment health checks failed";
      }
      if (DeploymentDay.Elements.VERIFICATION_FAILED.equals(activity)) {
        return "post-deployment verification failed";
      }
    }
    if (PostDeployment.KEY.equals(processKey) && PostDeployment.Elements.SLA_BREACH.equals(activity)) {
      return "SLA breached in the observation window";
    }
    return null;
  }

  private void releaseStarted(ExecutionEntity execution) {
    String release = execution.getProcessInstanceId();
    String name = checkName(NotificationEvent.RELEASE_STARTED);
    if (!outbox.enabled() || outbox.webhookUrl().isEmpty()) {
      // Nothing will be sent during this release: say so once, where people look.
      EvidenceVariables.write(execution.getProcessInstance(), Evidence.skipped(name, outbox.source(),
          "notifications are off (" + outbox.source() + " not set): nobody is told automatically; "
              + "tell the groups about the release, its tasks, a failed verification, a rollback and its end by hand"));
      return;
    }
    send(execution, NotificationEvent.RELEASE_STARTED, name,
        texts.releaseStarted(version(execution), text(execution, ProductionDeployment.Vars.ENVIRONMENT),
            text(execution, ProductionDeployment.Vars.DEPLOYMENT_MANAGER), release), release);
  }

  private void handleCreated(DelegateTask task) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    DelegateExecution execution = task.getExecution();
    String release = ReleaseInstance.root(execution).getProcessInstanceId();
    String name = checkName(NotificationEvent.TASK_WAITING) + "_" + task.getTaskDefinitionKey();
    send(execution, NotificationEvent.TASK_WAITING, name,
        texts.taskWaiting(version(execution), task.getName() == null ? task.getTaskDefinitionKey() : task.getName(),
            groups, task.getAssignee(), task.getId()), release);
  }

  private void send(DelegateExecution execution, NotificationEvent event, String name, String text, String release) {
    if (!outbox.enabled() || outbox.webhookUrl().isEmpty()) {
      return;
    }
    outbox.enqueue(new Notification(event, name, text, release, version(execution)), execution.getProcessEngineServices());
  }

  private static String version(DelegateExecution execution) {
    String version = text(execution, ProductionDeployment.Vars.VERSION);
    if (version == null) {
      version = ReleaseInstance.root(execution).getProcessBusinessKey();
    }
    return version == null ? "(no version)" : version;
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}

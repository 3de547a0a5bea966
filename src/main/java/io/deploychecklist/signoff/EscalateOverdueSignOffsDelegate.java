package io.deploychecklist.signoff;

import io.deploychecklist.process.PostDeployment.Vars;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The sign-off deadline passed: raises the open sign-offs to high priority (Tasklist sorts and
 * marks them) and lists them for the deployment manager's follow-up task.
 */
@Component("escalateOverdueSignOffsDelegate")
class EscalateOverdueSignOffsDelegate implements JavaDelegate {

  /** Camunda's "high" priority band starts at 75; 100 puts overdue sign-offs on top. */
  static final int OVERDUE_PRIORITY = 100;

  private final TaskService taskService;

  EscalateOverdueSignOffsDelegate(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Task> open = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(SignOff.taskKeys())
        .orderByTaskCreateTime().asc()
        .list();
    open.forEach(task -> taskService.setPriority(task.getId(), OVERDUE_PRIORITY));
    execution.setVariable(Vars.OVERDUE_SIGN_OFFS, open.stream().map(this::describe).collect(Collectors.joining("\n")));
  }

  private String describe(Task task) {
    String waitingFor = task.getAssignee() != null
        ? "assigned to " + task.getAssignee()
        : "waiting for " + candidateGroups(task);
    return "- " + task.getName() + ": " + waitingFor + ", open since " + utc(task);
  }

  private String candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(link -> link.getGroupId() != null ? link.getGroupId() : link.getUserId())
        .collect(Collectors.joining(", "));
  }

  private static String utc(Task task) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm 'UTC'");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(task.getCreateTime());
  }
}

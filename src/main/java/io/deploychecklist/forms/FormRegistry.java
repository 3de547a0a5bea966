package io.deploychecklist.forms;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.stereotype.Component;

/**
 * Finds the deployed Camunda Form of a user task or start event: the same form Tasklist loads
 * ({@code /task/{id}/deployed-form}), resolved through the engine's own {@code camunda:formRef}
 * binding rules (deployment, latest, version).
 *
 * <p>Must be called inside an engine command (listeners are). Deliberately no dependency on engine
 * service beans: the engine plugin needs this registry before the engine exists.
 */
@Component
public class FormRegistry {

  // A deployed resource never changes, so (deployment, form id) identifies its content for good.
  private final Map<String, FormSchema> schemas = new ConcurrentHashMap<>();

  /** The task's form, or empty when the task has no {@code camunda:formRef}. */
  public Optional<FormSchema> taskForm(DelegateTask task) {
    TaskEntity entity = (TaskEntity) task;
    TaskDefinition definition = entity.getTaskDefinition();
    if (definition == null || entity.getProcessDefinition() == null) {
      return Optional.empty();
    }
    return load(definition.getFormDefinition(), task,
        entity.getProcessDefinition().getDeploymentId());
  }

  /** The start form of the execution's process, or empty when it has no {@code camunda:formRef}. */
  Optional<FormSchema> startForm(DelegateExecution execution) {
    ExecutionEntity entity = (ExecutionEntity) execution;
    return load(entity.getProcessDefinition().getStartFormDefinition(), execution,
        entity.getProcessDefinition().getDeploymentId());
  }

  /** The start form of a process definition, before any instance exists. */
  public Optional<FormSchema> startForm(ProcessDefinitionEntity process) {
    return load(process.getStartFormDefinition(), new StartProcessVariableScope(),
        process.getDeploymentId());
  }

  /**
   * The Camunda Form with that key as deployed with a process ({@code camunda:formRefBinding=
   * "deployment"}, as every user task of the release has it); empty when that deployment has none.
   * Must be called inside an engine command.
   */
  public Optional<FormSchema> deployedWith(String processDeploymentId, String formKey) {
    CommandContext commandContext = Context.getCommandContext();
    CamundaFormDefinition form = commandContext.runWithoutAuthorization(
        new GetCamundaFormDefinitionCmd(new CamundaFormRefImpl(formKey, "deployment"), processDeploymentId));
    if (form == null) {
      return Optional.empty();
    }
    return Optional.of(schemas.computeIfAbsent(form.getDeploymentId() + "/" + form.getKey(),
        cacheKey -> read(commandContext, form)));
  }

  private Optional<FormSchema> load(FormDefinition definition, VariableScope scope,
      String processDeploymentId) {
    if (definition == null || definition.getCamundaFormDefinitionKey() == null) {
      return Optional.empty();
    }
    CamundaFormRef ref = formRef(definition, scope);
    CommandContext commandContext = Context.getCommandContext();
    // Without authorization, like the engine's own deployed-form lookup: whoever may complete the
    // task must be validated whether or not they may read the deployment.
    CamundaFormDefinition form = commandContext.runWithoutAuthorization(
        new GetCamundaFormDefinitionCmd(ref, processDeploymentId));
    if (form == null) {
      // Fail closed: a task whose form cannot be found cannot be checked either.
      throw new ProcessEngineException("Camunda Form '" + ref.getKey() + "' (binding "
          + ref.getBinding() + ") is not deployed; deployment " + processDeploymentId);
    }
    return Optional.of(schemas.computeIfAbsent(form.getDeploymentId() + "/" + form.getKey(),
        cacheKey -> read(commandContext, form)));
  }

  /** Mirrors TaskEntity#initializeFormKey: the key and version may be expressions. */
  private static CamundaFormRef formRef(FormDefinition definition, VariableScope scope) {
    String key = String.valueOf(definition.getCamundaFormDefinitionKey().getValue(scope));
    String binding = definition.getCamundaFormDefinitionBinding();
    CamundaFormRefImpl ref = new CamundaFormRefImpl(key, binding);
    Expression version = definition.getCamundaFormDefinitionVersion();
    if ("version".equals(binding) && version != null) {
      ref.setVersion(Integer.parseInt(String.valueOf(version.getValue(scope))));
    }
    return ref;
  }

  private static FormSchema read(CommandContext commandContext, CamundaFormDefinition form) {
    InputStream json = commandContext.runWithoutAuthorization(
        new GetDeploymentResourceCmd(form.getDeploymentId(), form.getResourceName()));
    return FormSchema.parse(json);
  }
}

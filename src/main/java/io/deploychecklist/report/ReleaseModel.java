package io.deploychecklist.report;

import io.deploychecklist.forms.FormRegistry;
import io.deploychecklist.forms.FormSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What the deployment a release runs on says about its checklist: which user task holds which form
 * (the call activities and forms are bound to the release's own deployment), the forms themselves,
 * and the conditions on the way into a task or service task. A deployment never changes, so one is
 * read once and kept.
 */
final class ReleaseModel {

  /** A user task that shows a form: in which process, under which id. */
  record FormTask(String processKey, String taskKey) {}

  /** A conditional way into an element: the gateway it leaves and its condition. */
  record Branch(String gatewayId, String gatewayName, String condition) {}

  private final Map<String, FormTask> taskOfForm = new HashMap<>();
  private final Map<String, FormSchema> forms = new HashMap<>();
  private final Map<String, List<Branch>> branchesInto = new HashMap<>();

  /** Must be called inside an engine command (the forms are read through the engine's own lookup). */
  static ReleaseModel read(RepositoryService repository, FormRegistry registry, String deploymentId) {
    ReleaseModel model = new ReleaseModel();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
      BpmnModelInstance bpmn = repository.getBpmnModelInstance(definition.getId());
      for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
        String formKey = task.getCamundaFormRef();
        if (formKey != null) {
          model.taskOfForm.putIfAbsent(formKey, new FormTask(processKey(task, definition), task.getId()));
          registry.deployedWith(deploymentId, formKey).ifPresent(form -> model.forms.put(formKey, form));
        }
      }
      // From the flows, not the nodes: a node's <incoming> references are optional in BPMN XML.
      for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
        if (flow.getConditionExpression() != null) {
          for (String target : reachedThrough(flow.getTarget())) {
            model.branchesInto.computeIfAbsent(processKey(flow, definition) + "/" + target,
                key -> new ArrayList<>()).add(branch(flow));
          }
        }
      }
    }
    return model;
  }

  Optional<FormTask> taskOfForm(String formKey) {
    return Optional.ofNullable(taskOfForm.get(formKey));
  }

  Optional<FormSchema> form(String formKey) {
    return Optional.ofNullable(forms.get(formKey));
  }

  /** The conditional sequence flows into that element; empty when it is reached unconditionally. */
  List<Branch> branchesInto(String processKey, String elementId) {
    return branchesInto.getOrDefault(processKey + "/" + elementId, List.of());
  }

  /**
   * The element and, for a sub-process, everything in it: a section's user task sits in a sub-process
   * of its own (for its blocker), which the branch reaches in its place.
   */
  private static List<String> reachedThrough(FlowNode target) {
    List<String> ids = new ArrayList<>(List.of(target.getId()));
    if (target instanceof SubProcess subProcess) {
      subProcess.getFlowElements().stream().filter(FlowNode.class::isInstance)
          .forEach(node -> ids.addAll(reachedThrough((FlowNode) node)));
    }
    return ids;
  }

  private static Branch branch(SequenceFlow flow) {
    FlowNode source = flow.getSource();
    return new Branch(source.getId(), source.getName(), flow.getConditionExpression().getTextContent().trim());
  }

  private static String processKey(ModelElementInstance element, ProcessDefinition definition) {
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof Process process) {
        return process.getId();
      }
    }
    return definition.getKey();
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.security.SecuredApplicationTest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The process models as the conventions say (DESIGN.md): ids {@code <type>_<camelName>}, every user
 * task with a form and a candidate group, every timer and boundary event named for the people who
 * read the diagram, every delegate expression a bean of the application, and the constants in
 * {@code process/} naming elements that exist (and every user task, call activity, timer and
 * decision having its constant).
 */
class ModelLintTest extends SecuredApplicationTest {

  /** The id prefix of each kind of element. */
  private static final Map<Class<? extends FlowElement>, String> PREFIXES = Map.ofEntries(
      Map.entry(StartEvent.class, "startEvent"), Map.entry(EndEvent.class, "endEvent"),
      Map.entry(UserTask.class, "userTask"), Map.entry(ServiceTask.class, "serviceTask"),
      Map.entry(BusinessRuleTask.class, "businessRuleTask"), Map.entry(CallActivity.class, "callActivity"),
      Map.entry(ParallelGateway.class, "parallelGateway"), Map.entry(ExclusiveGateway.class, "exclusiveGateway"),
      Map.entry(BoundaryEvent.class, "boundaryEvent"), Map.entry(IntermediateCatchEvent.class, "timerEvent"),
      Map.entry(ReceiveTask.class, "receiveTask"),
      Map.entry(SequenceFlow.class, "flow"));
  private static final Pattern CAMEL_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{([A-Za-z0-9_]+)}\"");
  private static final List<Class<?>> CONSTANTS = List.of(ProductionDeployment.class, PreDeployment.class,
      DeploymentDay.class, PostDeployment.class, Rollback.class, RequestRollback.class, ResolveBlocker.class);

  @Autowired ApplicationContext application;

  @Test
  void everyIdSaysWhatItIs() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (BpmnModelInstance model : models().values()) {
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        String prefix = element instanceof SubProcess sub ? (sub.triggeredByEvent() ? "eventSubProcess" : "subProcess")
            : PREFIXES.entrySet().stream().filter(entry -> entry.getKey().isInstance(element))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String id = element.getId();
        if (prefix == null || !id.startsWith(prefix + "_") || !CAMEL_NAME.matcher(id.substring(prefix.length() + 1)).matches()) {
          wrong.add(id + " (" + element.getElementType().getTypeName() + ")");
        }
      }
      for (BaseElement root : model.getDefinitions().getRootElements()) {
        if (!(root instanceof Process) && !root.getId().matches("(Error|Message)_[A-Z][A-Za-z0-9]*")) {
          wrong.add(root.getId());
        }
      }
    }
    assertThat(wrong).as("ids that are not <type>_<camelName>").isEmpty();
  }

  @Test
  void everyUserTaskHasAFormAndACandidateGroup() throws IOException {
    for (BpmnModelInstance model : models().values()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
        assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
      }
    }
  }

  @Test
  void everyTimerAndBoundaryEventHasAName() throws IOException {
    for (BpmnModelInstance model : models().values()) {
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        FlowElement event = (FlowElement) timer.getParentElement();
        assertThat(event.getName()).as(event.getId()).isNotBlank();
      }
      for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
        assertThat(event.getName()).as(event.getId()).isNotBlank();
      }
    }
  }

  @Test
  void everyDelegateExpressionIsABeanOfTheApplication() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : files()) {
      Matcher delegate = DELEGATE.matcher(Files.readString(file));
      while (delegate.find()) {
        if (!application.containsBean(delegate.group(1))) {
          missing.add(file.getFileName() + ": " + delegate.group(1));
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theConstantsNameElementsOfTheirProcessAndTheModelsHaveTheirConstants() throws Exception {
    Map<String, BpmnModelInstance> models = models();
    for (Class<?> process : CONSTANTS) {
      String key = (String) process.getField("KEY").get(null);
      BpmnModelInstance model = models.get(key);
      assertThat(model).as("a model of " + key).isNotNull();
      Set<String> named = Set.copyOf(elementConstants(process));
      for (String id : named) {
        assertThat((Object) model.getModelElementById(id)).as(process.getSimpleName() + ".Elements: " + id).isNotNull();
      }
      List<String> unnamed = Stream.of(UserTask.class, CallActivity.class, BusinessRuleTask.class, TimerEventDefinition.class)
          .flatMap(type -> model.getModelElementsByType(type).stream())
          .map(element -> element instanceof TimerEventDefinition timer ? (BaseElement) timer.getParentElement()
              : (BaseElement) element)
          .map(BaseElement::getId).filter(id -> !named.contains(id)).toList();
      assertThat(unnamed).as("elements of " + key + " without a constant in " + process.getSimpleName()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Collection<String> elementConstants(Class<?> process) throws IllegalAccessException {
    List<String> ids = new ArrayList<>();
    for (Class<?> nested : process.getClasses()) {
      if (nested.getSimpleName().equals("Elements")) {
        for (Field field : nested.getFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            ids.add((String) field.get(null));
          }
        }
      }
    }
    return ids;
  }

  private static Map<String, BpmnModelInstance> models() throws IOException {
    Map<String, BpmnModelInstance> models = new TreeMap<>();
    for (Path file : files()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (Process process : model.getModelElementsByType(Process.class)) {
        models.put(process.getId(), model);
      }
    }
    return models;
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.deploychecklist.process.ProductionDeployment.Elements;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * How many history rows one healthy release leaves behind: every process instance of the release
 * (found by its business key), its ACT_HI_VARINST and ACT_HI_DETAIL rows. The phases get in and give
 * out only the variables that are read across phases; copying all of them each way stored about two
 * thirds of the variable rows again. The bounds keep such copies from coming back unnoticed.
 */
class ReleaseHistoryRowsTest extends ReleaseProcessTest {

  @Test
  void oneReleaseLeavesABoundedNumberOfHistoryRows() {
    ProcessInstance release = start();
    passPreDeployment();
    passDeploymentDay();
    passObservationWindow();
    goLive(release);
    assertThat(release).isEnded().hasPassed(Elements.RELEASED);

    List<HistoricProcessInstance> instances =
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list();
    long variables = 0;
    long details = 0;
    StringBuilder perInstance = new StringBuilder();
    for (HistoricProcessInstance instance : instances) {
      long instanceVariables =
          history.createHistoricVariableInstanceQuery().processInstanceIdIn(instance.getId()).count();
      long instanceDetails = history.createHistoricDetailQuery().processInstanceId(instance.getId()).count();
      variables += instanceVariables;
      details += instanceDetails;
      perInstance.append(String.format("%n  %-22s %5d variables %5d details", instance.getProcessDefinitionKey(),
          instanceVariables, instanceDetails));
    }
    System.out.printf("History of one release (%d process instances): %d ACT_HI_VARINST rows, %d ACT_HI_DETAIL rows%s%n",
        instances.size(), variables, details, perInstance);

    // 506 and 530 when written; 1,057 and 1,434 while the call activities copied all variables each way.
    assertThat(variables).as("ACT_HI_VARINST rows of one release").isLessThan(650);
    assertThat(details).as("ACT_HI_DETAIL rows of one release").isLessThan(700);
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * History cleanup removes a release's history only once its time to live has passed, and a
 * definition without one would never be cleaned up: every process and decision of the product (the
 * files in {@code processes/}) keeps its history for exactly 180 days.
 */
class HistoryTimeToLiveTest {

  static final String TIME_TO_LIVE = "P180D";

  // The product's files, not test fixtures that share the classpath folder.
  static final String PRODUCT_FILES = "file:processes/";

  final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

  @Test
  void everyProcessKeepsItsHistory180Days() throws IOException {
    int processes = 0;
    for (Resource file : resources.getResources(PRODUCT_FILES + "*.bpmn")) {
      try (InputStream in = file.getInputStream()) {
        Collection<Process> inFile = Bpmn.readModelFromStream(in).getModelElementsByType(Process.class);
        for (Process process : inFile) {
          assertThat(process.getCamundaHistoryTimeToLiveString()).as(file.getFilename() + " " + process.getId())
              .isEqualTo(TIME_TO_LIVE);
          processes++;
        }
      }
    }
    assertThat(processes).as("the release, its four phases, the notification, the rollback request and the blocker")
        .isEqualTo(8);
  }

  @Test
  void everyDecisionKeepsItsHistory180Days() throws IOException {
    int decisions = 0;
    for (Resource file : resources.getResources(PRODUCT_FILES + "*.dmn")) {
      try (InputStream in = file.getInputStream()) {
        for (Decision decision : Dmn.readModelFromStream(in).getModelElementsByType(Decision.class)) {
          assertThat(decision.getCamundaHistoryTimeToLiveString()).as(file.getFilename() + " " + decision.getId())
              .isEqualTo(TIME_TO_LIVE);
          decisions++;
        }
      }
    }
    assertThat(decisions).as("the go-live criteria").isEqualTo(1);
  }
}

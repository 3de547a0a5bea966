package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.UrlResource;

class StableDeploymentResourcesTest {

  @Test
  void aFileIsNamedByItsFolderAndFileNameWhereverItLies() throws IOException {
    assertThat(StableDeploymentResources.stableName(new UrlResource("file:/srv/node-1/classes/processes/rollback.bpmn")))
        .isEqualTo("processes/rollback.bpmn");
    assertThat(StableDeploymentResources.stableName(new UrlResource("file:/home/dev/checkout/target/classes/forms/testing.form")))
        .isEqualTo("forms/testing.form");
  }

  @Test
  void aFileInsideTheApplicationJarGetsTheSameName() throws IOException {
    assertThat(StableDeploymentResources.stableName(new UrlResource(
        new URL("jar:file:/opt/checklist/app.jar!/BOOT-INF/classes/processes/rollback.bpmn"))))
        .isEqualTo("processes/rollback.bpmn");
  }
}

package io.deploychecklist.pipeline;

import org.springframework.stereotype.Component;

/**
 * For gateway conditions: {@code ${pipeline.configured('deploy')}} is true when a pipeline webhook is
 * configured for the action, so the BPMN routes to the service task instead of the user task.
 */
@Component("pipeline")
public class PipelineRouting {

  private final PipelineProperties properties;

  PipelineRouting(PipelineProperties properties) {
    this.properties = properties;
  }

  public boolean configured(String action) {
    String url = properties.url(PipelineAction.of(action));
    return url != null && !url.isBlank();
  }
}

package io.deploychecklist.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  PipelineTrigger pipelineTrigger(PipelineProperties properties) {
    return new PipelineTrigger(properties.timeout());
  }
}

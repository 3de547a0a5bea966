package io.deploychecklist.load;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoadConfiguration {

  @Bean
  LoadBaseline loadBaseline() {
    return new LoadBaseline();
  }
}

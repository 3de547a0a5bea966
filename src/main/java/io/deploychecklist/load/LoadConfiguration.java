package io.deploychecklist.load;

import io.deploychecklist.targets.TargetGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoadConfiguration {

  @Bean
  LoadBaseline loadBaseline(TargetGuard targets) {
    // The load goes to the release's targetBaseUrl, which a person chose: allowed targets only.
    return new LoadBaseline(targets);
  }
}

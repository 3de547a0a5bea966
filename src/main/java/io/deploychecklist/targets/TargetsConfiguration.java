package io.deploychecklist.targets;

import okhttp3.Dns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TargetsConfiguration {

  @Bean
  TargetGuard targetGuard(TargetProperties properties) {
    return new TargetGuard(properties.allowedHosts(), Dns.SYSTEM);
  }
}

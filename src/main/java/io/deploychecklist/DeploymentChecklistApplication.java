package io.deploychecklist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DeploymentChecklistApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeploymentChecklistApplication.class, args);
  }
}

package io.deploychecklist.benchmark.bare;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare Camunda 7 application built the same way as the checklist (the same Spring Boot, Camunda
 * starters for the webapps and REST, H2 file database, Java), with none of the checklist: what the
 * startup benchmark compares the application with. Its settings are bare-camunda.yaml only.
 */
@SpringBootApplication
public class BareCamundaApplication {
}

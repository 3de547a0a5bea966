package io.deploychecklist.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity of this node in a cluster, under {@code checklist.node}.
 *
 * @param name a name unique among the nodes sharing one database (for example the pod or host
 *     name); it becomes the engine's host name in the job log and the prefix of the job executor's
 *     lock owner. Empty: Camunda's default (the host's address).
 */
@ConfigurationProperties("checklist.node")
public record NodeProperties(String name) {

  boolean named() {
    return name != null && !name.isBlank();
  }
}

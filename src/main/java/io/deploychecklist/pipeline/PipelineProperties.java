package io.deploychecklist.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CI/CD pipeline that deploys and rolls back, under {@code checklist.pipeline}. An action
 * without a URL is done by a person (the existing user task).
 *
 * @param deployUrl webhook that starts a deployment; blank: deploy by hand
 * @param rollbackUrl webhook that starts a rollback; blank: roll back by hand
 * @param tokenEnv name of the environment variable holding the bearer token (the token itself is
 *     never configured in a file); blank: no Authorization header
 * @param timeout the longest the pipeline may take to accept the request
 */
@ConfigurationProperties("checklist.pipeline")
public record PipelineProperties(String deployUrl, String rollbackUrl, String tokenEnv,
    @DefaultValue("10s") Duration timeout) {

  public PipelineProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("checklist.pipeline.timeout must be positive, was " + timeout);
    }
  }

  /** The webhook of an action ("deploy" or "rollback"), possibly blank. */
  public String url(PipelineAction action) {
    return action == PipelineAction.DEPLOY ? deployUrl : rollbackUrl;
  }
}

package io.deploychecklist.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service level the release must keep, under {@code checklist.sla}: the Prometheus SLA metrics
 * and the load baseline are judged against it.
 *
 * @param p95 the 95th percentile latency must stay below this
 * @param errorRate the share of failed requests (0.001 = 0.1 %) must stay below this
 */
@ConfigurationProperties("checklist.sla")
public record SlaProperties(@DefaultValue("500ms") Duration p95, @DefaultValue("0.001") double errorRate) {

  public SlaProperties {
    if (p95 == null || p95.isZero() || p95.isNegative()) {
      throw new IllegalArgumentException("checklist.sla.p95 must be positive, was " + p95);
    }
    if (!(errorRate > 0 && errorRate <= 1)) {
      throw new IllegalArgumentException(
          "checklist.sla.error-rate must be a fraction above 0 and at most 1 (0.001 = 0.1 %), was " + errorRate);
    }
  }

  /** 500 ms and 0.1 %. */
  public static SlaProperties defaults() {
    return new SlaProperties(Duration.ofMillis(500), 0.001);
  }
}

package io.deploychecklist.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the monitoring stack is, under {@code checklist.monitoring}. Anything left empty is not
 * checked automatically: its evidence is SKIPPED and a person verifies it by hand.
 *
 * @param prometheus the Prometheus server, the target's scrape job and the SLA queries
 * @param grafana the Grafana server
 * @param jaeger the Jaeger query service (UI)
 * @param timeout the longest one request to the monitoring stack may take
 */
@ConfigurationProperties("checklist.monitoring")
public record MonitoringProperties(
    @DefaultValue Prometheus prometheus,
    @DefaultValue Grafana grafana,
    @DefaultValue Jaeger jaeger,
    @DefaultValue("5s") Duration timeout) {

  public MonitoringProperties {
    prometheus = prometheus == null ? new Prometheus(null, null, null, null) : prometheus;
    grafana = grafana == null ? new Grafana(null) : grafana;
    jaeger = jaeger == null ? new Jaeger(null) : jaeger;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("checklist.monitoring.timeout must be positive, was " + timeout);
    }
  }

  /**
   * @param url base URL, e.g. {@code http://prometheus:9090}
   * @param job the target's scrape job, as in {@code up{job="..."}}
   * @param errorRateQuery PromQL giving the target's error rate as a fraction (0.001 = 0.1 %);
   *     {@code $job} is replaced by the job
   * @param p95Query PromQL giving the target's 95th percentile latency in seconds; {@code $job} is
   *     replaced by the job
   */
  public record Prometheus(String url, String job, String errorRateQuery, String p95Query) {}

  /** @param url base URL, e.g. {@code http://grafana:3000} */
  public record Grafana(String url) {}

  /** @param url base URL of the Jaeger query service, e.g. {@code http://jaeger:16686} */
  public record Jaeger(String url) {}
}

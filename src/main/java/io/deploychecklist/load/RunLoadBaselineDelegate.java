package io.deploychecklist.load;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.SlaProperties;
import io.deploychecklist.evidence.TargetUrls;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.targets.TargetGuard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Runs the load baseline against the release's target (sections 6 and 9). BPMN input mappings:
 * {@code checkName} (required, e.g. "loadBaseline" or "loadAfterDeployment"), and optionally
 * {@code path}, {@code url} (a full URL instead of target + path), {@code rate} and {@code duration}
 * that override the configuration within its bounds. Process variable read: {@code targetBaseUrl}.
 * Writes the evidence {@code check_<checkName>} and the p95 in milliseconds as the Long
 * {@code <checkName>P95Ms} (not when SKIPPED). A run outside the bounds throws before sending
 * anything (an incident after the retries); a target that is not an allowed target
 * ({@code checklist.targets.allowed-hosts}) is FAIL without sending anything, and no p95.
 */
@Component("runLoadBaselineDelegate")
class RunLoadBaselineDelegate extends CheckDelegate {

  static final String PATH = "path";
  static final String URL = "url";
  static final String RATE = "rate";
  static final String DURATION = "duration";
  static final String P95_SUFFIX = "P95Ms";

  private final LoadBaseline load;
  private final LoadProperties properties;
  private final SlaProperties sla;
  private final TargetGuard targets;

  RunLoadBaselineDelegate(LoadBaseline load, LoadProperties properties, SlaProperties sla, TargetGuard targets) {
    this.load = load;
    this.properties = properties;
    this.sla = sla;
    this.targets = targets;
  }

  /** The process variable holding the p95 (ms) that the check {@code checkName} measured. */
  static String p95Variable(String checkName) {
    return checkName + P95_SUFFIX;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName = BpmnInputs.required(execution, BpmnInputs.CHECK_NAME);
    Object base = execution.getVariable(ProductionDeployment.Vars.TARGET_BASE_URL);
    String baseUrl = base == null ? null : base.toString();
    String url = BpmnInputs.optional(execution, URL).orElse(null);
    if (url == null) {
      String path = BpmnInputs.optional(execution, PATH).orElse(properties.path());
      if (baseUrl == null || baseUrl.isBlank()) {
        return List.of(Evidence.skipped(checkName, null,
            "no target URL (targetBaseUrl): run the performance baseline by hand and check p95 < "
                + sla.p95().toMillis() + " ms and error rate < " + LoadBaseline.percent(sla.errorRate())));
      }
      if (path == null || path.isBlank()) {
        return List.of(Evidence.skipped(checkName, SafeUrls.safe(baseUrl),
            "load baseline switched off: checklist.load.path is blank; run the performance baseline by hand and check p95 < "
                + sla.p95().toMillis() + " ms and error rate < " + LoadBaseline.percent(sla.errorRate())));
      }
      url = TargetUrls.resolve(baseUrl, path);
    }
    HttpUrl target = HttpUrl.parse(url);
    if (target == null) {
      throw new LoadRefusedException("not a valid http(s) URL: " + SafeUrls.safe(url));
    }
    double rate = BpmnInputs.optionalNumber(execution, RATE).orElse(properties.rate());
    Duration duration = BpmnInputs.optionalDuration(execution, DURATION).orElse(properties.duration());
    LoadPlan plan = new LoadPlan(target, rate, duration, properties.timeout());
    plan.requireWithin(properties.maxRate(), properties.maxDuration(), allowedHosts(baseUrl));
    // Not an allowed target: FAIL without a single request (the run's client refuses it too, should
    // the name resolve differently by then).
    Optional<String> refused = targets.refusal(target.host());
    if (refused.isPresent()) {
      return List.of(load.refused(checkName, SafeUrls.safe(target), refused.get(), sla));
    }

    LoadResult result = load.run(plan);
    execution.setVariable(p95Variable(checkName), result.p95Millis());
    return List.of(load.judge(checkName, SafeUrls.safe(target), result, sla));
  }

  // Empty configuration: the release's own target host, and nothing else.
  private List<String> allowedHosts(String baseUrl) {
    if (!properties.allowedHosts().isEmpty()) {
      return properties.allowedHosts();
    }
    HttpUrl base = baseUrl == null ? null : HttpUrl.parse(baseUrl.trim());
    return base == null ? List.of() : List.of(base.host());
  }
}

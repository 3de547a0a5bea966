package io.deploychecklist.checks.http;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Probes one endpoint of the release's target. BPMN input mappings: {@code checkName} (names the
 * evidence variable {@code check_<checkName>}) and {@code endpoint} (a key of {@code
 * checklist.http.paths}); process variable {@code targetBaseUrl}. Only maps variables: the check
 * itself is {@link HttpEndpointCheck}.
 */
@Component("probeEndpointDelegate")
class ProbeEndpointDelegate extends CheckDelegate {

  static final String ENDPOINT = "endpoint";

  private final HttpEndpointCheck check;
  private final HttpChecksProperties properties;

  ProbeEndpointDelegate(HttpEndpointCheck check, HttpChecksProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName = BpmnInputs.required(execution, BpmnInputs.CHECK_NAME);
    String endpoint = BpmnInputs.required(execution, ENDPOINT);
    String baseUrl = (String) execution.getVariable(ProductionDeployment.Vars.TARGET_BASE_URL);
    // An unknown endpoint throws: a BPMN or configuration mistake becomes an incident.
    String path = properties.path(endpoint);

    return List.of(check.probe(checkName, baseUrl, endpoint, path, properties.maxLatency()));
  }
}

package io.deploychecklist.checks.external;

import io.deploychecklist.checks.external.ExternalServicesProperties.ExternalService;
import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Probes the external services concurrently. Optional input mapping {@code services}: the names
 * to probe, comma-separated (default: every service under {@code checklist.external-services});
 * an unknown name is a modelling mistake and throws. Writes {@code check_externalService_<name>}
 * per service and {@code check_externalServices} (overall). The check itself is {@link
 * ExternalServicesCheck}.
 */
@Component("probeExternalServicesDelegate")
class ProbeExternalServicesDelegate extends CheckDelegate {

  static final String SERVICES = "services";

  private final ExternalServicesCheck check;
  private final ExternalServicesProperties properties;

  ProbeExternalServicesDelegate(ExternalServicesCheck check, ExternalServicesProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String selection = BpmnInputs.optional(execution, SERVICES).orElse(null);
    ExternalServicesCheck.Result result = check.probeAll(selected(selection));
    List<Evidence> evidence = new ArrayList<>(result.services());
    evidence.add(result.aggregate());
    return evidence;
  }

  private Map<String, ExternalService> selected(String selection) {
    Map<String, ExternalService> all = properties.externalServices();
    if (selection == null) {
      return all;
    }
    List<String> names =
        Arrays.stream(selection.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    Map<String, ExternalService> chosen = new LinkedHashMap<>();
    for (String name : names) {
      String canonical = ExternalServicesProperties.canonicalName(name);
      ExternalService service = all.get(canonical);
      if (service == null) {
        throw new IllegalArgumentException(
            "unknown external service '" + name + "': configure " + ExternalServicesProperties.PREFIX
                + name + ".url (known services: " + String.join(", ", all.keySet()) + ")");
      }
      chosen.put(canonical, service);
    }
    return chosen;
  }
}

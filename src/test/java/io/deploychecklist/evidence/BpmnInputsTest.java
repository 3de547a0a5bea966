package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

class BpmnInputsTest {

  @Test
  void stringsAreTrimmedAndBlankCountsAsAbsent() {
    DelegateExecution execution = activity(Map.of("checkName", " health ", "endpoint", "  "));

    assertThat(BpmnInputs.required(execution, BpmnInputs.CHECK_NAME)).isEqualTo("health");
    assertThat(BpmnInputs.optional(execution, "endpoint")).isEmpty();
    assertThat(BpmnInputs.optional(execution, "missing")).isEmpty();
    assertThatThrownBy(() -> BpmnInputs.required(execution, "endpoint"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("activity serviceTask_probe needs the input mapping 'endpoint' (a non-blank string), got   ");
  }

  @Test
  void aMappingThatIsNotAStringIsAModellingMistake() {
    DelegateExecution execution = activity(Map.of("checkName", 42L, "rate", 20));

    assertThatThrownBy(() -> BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("activity serviceTask_probe: the input mapping 'checkName' must be a string, got a Long");
    // Numbers may come as numbers.
    assertThat(BpmnInputs.optionalNumber(execution, "rate")).contains(20.0);
  }

  @Test
  void numbersAndDurationsAreParsedFromText() {
    DelegateExecution execution = activity(Map.of("rate", "2.5", "duration", "30s", "bad", "soon"));

    assertThat(BpmnInputs.optionalNumber(execution, "rate")).contains(2.5);
    assertThat(BpmnInputs.optionalDuration(execution, "duration")).contains(Duration.ofSeconds(30));
    assertThatThrownBy(() -> BpmnInputs.optionalDuration(execution, "bad"))
        .hasMessageContaining("must be a duration such as PT30S or 30s, got 'soon'");
  }

  @Test
  void aFlagIsTrueOnlyWhenSaidSo() {
    DelegateExecution execution = activity(Map.of("on", "true", "off", " false ", "bool", true, "bad", "yes"));

    assertThat(BpmnInputs.flag(execution, "on")).isTrue();
    assertThat(BpmnInputs.flag(execution, "off")).isFalse();
    assertThat(BpmnInputs.flag(execution, "bool")).isTrue();
    assertThat(BpmnInputs.flag(execution, "missing")).isFalse();
    assertThatThrownBy(() -> BpmnInputs.flag(execution, "bad"))
        .hasMessage("activity serviceTask_probe: the input mapping 'bad' must be true or false, got 'yes'");
  }

  // Only the two methods BpmnInputs calls; anything else fails loudly.
  private static DelegateExecution activity(Map<String, Object> locals) {
    return (DelegateExecution) Proxy.newProxyInstance(
        BpmnInputsTest.class.getClassLoader(), new Class<?>[] {DelegateExecution.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getVariableLocal" -> locals.get((String) args[0]);
          case "getCurrentActivityId" -> "serviceTask_probe";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}

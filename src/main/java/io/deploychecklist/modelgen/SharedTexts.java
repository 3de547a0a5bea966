package io.deploychecklist.modelgen;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Texts that many forms show, written once in sections.yaml.
 *
 * @param checkedAutomatically the first sentence above a form's evidence table
 * @param onFail what a FAIL of a form's checks leads to, by the name a form gives in its {@code onFail}
 * @param skippedChecks the sentence on SKIPPED evidence, after the one on a FAIL
 */
public record SharedTexts(String releaseHeader, String rollbackHeader, String checkedAutomatically,
    Map<String, String> onFail, String skippedChecks, String notesLabel, String notesDescription,
    String blockerLabel, String blockerDescriptionLabel) {

  public SharedTexts {
    onFail = Map.copyOf(onFail);
  }

  /**
   * The text above a form's items when service tasks checked some of them, with a table of their
   * evidence as it stands when the form opens: Tasklist hands Spin JSON variables to form-js as
   * objects, so the table reads each {@code check_*} variable's fields through FEEL templating.
   *
   * @param failLeadsTo the name of the onFail sentence that says what a FAIL of these checks leads to
   */
  public String checkedAutomatically(List<String> evidence, String failLeadsTo) {
    String rows = evidence.stream()
        .map(name -> "| " + name.replaceFirst("^check_", "") + " | {{if " + name + " = null then \"not run yet\" else "
            + name + ".status}} | {{" + name + ".observed}} | {{" + name + ".threshold}} | {{" + name + ".checkedAt}} |")
        .collect(Collectors.joining("\n"));
    return checkedAutomatically + " " + onFail(failLeadsTo) + " " + skippedChecks
        + "\n\n| Check | Status | Observed | Expected | When |\n|---|---|---|---|---|\n" + rows;
  }

  /** The sentence named {@code name} of sharedTexts' onFail. */
  public String onFail(String name) {
    String sentence = onFail.get(name);
    if (sentence == null) {
      throw new IllegalArgumentException("onFail is one of sharedTexts' " + onFail.keySet().stream().sorted().toList()
          + ", not " + name);
    }
    return sentence;
  }

  public String header(String name) {
    return switch (name) {
      case "releaseHeader" -> releaseHeader;
      case "rollbackHeader" -> rollbackHeader;
      default -> throw new IllegalArgumentException("header is releaseHeader or rollbackHeader, not " + name);
    };
  }
}

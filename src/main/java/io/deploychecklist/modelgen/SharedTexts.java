package io.deploychecklist.modelgen;

import java.util.List;
import java.util.stream.Collectors;

/** Texts that many forms show, written once in sections.yaml. */
public record SharedTexts(String releaseHeader, String rollbackHeader, String checkedAutomatically,
    String notesLabel, String notesDescription, String blockerLabel, String blockerDescriptionLabel) {

  /**
   * The text above a form's items when service tasks checked some of them, with a table of their
   * evidence as it stands when the form opens: Tasklist hands Spin JSON variables to form-js as
   * objects, so the table reads each {@code check_*} variable's fields through FEEL templating.
   */
  public String checkedAutomatically(List<String> evidence) {
    String rows = evidence.stream()
        .map(name -> "| " + name.replaceFirst("^check_", "") + " | {{if " + name + " = null then \"not run yet\" else "
            + name + ".status}} | {{" + name + ".observed}} | {{" + name + ".threshold}} | {{" + name + ".checkedAt}} |")
        .collect(Collectors.joining("\n"));
    return checkedAutomatically + "\n\n| Check | Status | Observed | Expected | When |\n|---|---|---|---|---|\n" + rows;
  }

  public String header(String name) {
    return switch (name) {
      case "releaseHeader" -> releaseHeader;
      case "rollbackHeader" -> rollbackHeader;
      default -> throw new IllegalArgumentException("header is releaseHeader or rollbackHeader, not " + name);
    };
  }
}

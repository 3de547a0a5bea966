package io.deploychecklist.modelgen;

import java.util.List;
import java.util.stream.Collectors;

/** Texts that many forms show, written once in sections.yaml. */
public record SharedTexts(String releaseHeader, String rollbackHeader, String checkedAutomatically,
    String notesLabel, String notesDescription) {

  /** The text above a form's items when service tasks checked some of them: names their evidence. */
  public String checkedAutomatically(List<String> evidence) {
    return checkedAutomatically.replace("{checks}",
        evidence.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", ")));
  }

  public String header(String name) {
    return switch (name) {
      case "releaseHeader" -> releaseHeader;
      case "rollbackHeader" -> rollbackHeader;
      default -> throw new IllegalArgumentException("header is releaseHeader or rollbackHeader, not " + name);
    };
  }
}

package io.deploychecklist.modelgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the generator reads: the checklist, the map of its forms and the forms of no checklist item.
 * Tests pass changed copies of these to see what the generator would write.
 */
public record ModelSources(String checklist, String sectionsYaml, String taskFormsYaml) {

  public static final String CHECKLIST = "src/main/resources/checklist/production-deployment-checklist.md";
  public static final String SECTIONS = "src/main/resources/checklist/sections.yaml";
  public static final String TASK_FORMS = "src/main/resources/checklist/task-forms.yaml";

  public static ModelSources readFrom(Path projectDir) throws IOException {
    return new ModelSources(Files.readString(projectDir.resolve(CHECKLIST)),
        Files.readString(projectDir.resolve(SECTIONS)), Files.readString(projectDir.resolve(TASK_FORMS)));
  }

  public ModelSources withChecklist(String changed) {
    return new ModelSources(changed, sectionsYaml, taskFormsYaml);
  }
}

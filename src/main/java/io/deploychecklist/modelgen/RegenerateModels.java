package io.deploychecklist.modelgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code mvn -Pregenerate-models process-classes}: rewrites forms/*.form and coverage.yaml from the
 * checklist, sections.yaml and task-forms.yaml of the project directory (the first argument).
 */
public final class RegenerateModels {

  private RegenerateModels() {}

  public static void main(String[] args) throws IOException {
    Path projectDir = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath();
    SortedMap<String, String> files = ModelGenerator.generate(ModelSources.readFrom(projectDir));
    List<String> changed = ModelGenerator.write(files, projectDir);
    System.out.println("modelgen: " + files.size() + " files, " + changed.size() + " changed" + (changed.isEmpty() ? "" : ": " + changed));
    // A form no longer described stays until someone deletes it: its user task may still show it.
    for (String stray : ModelGenerator.strayForms(files, projectDir)) {
      System.out.println("modelgen: " + stray + " is not generated any more: delete it once no user task shows it");
    }
  }
}

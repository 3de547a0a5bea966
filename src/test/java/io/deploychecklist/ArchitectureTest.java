package io.deploychecklist;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package by feature, without cycles: a feature may use another, never the other way round as
 * well, so each can be understood (and changed) starting from what it uses.
 */
class ArchitectureTest {

  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.deploychecklist");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.deploychecklist.(*)..").should().beFreeOfCycles().check(PRODUCT);
  }
}

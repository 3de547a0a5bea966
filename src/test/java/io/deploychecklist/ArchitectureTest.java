package io.deploychecklist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

  /** Every package that holds checks: one kind each below {@code checks}, and the features' own. */
  private static final String[] CHECK_KINDS = {
      "io.deploychecklist.checks..", "io.deploychecklist.monitoring..", "io.deploychecklist.load..",
      "io.deploychecklist.pipeline..", "io.deploychecklist.notify.."};

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.deploychecklist.(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  /** A new kind of check is added (or removed) without touching the others. */
  @Test
  void checkKindsDoNotDependOnEachOther() {
    slices().matching("io.deploychecklist.checks.(*)..").should().notDependOnEachOther().check(PRODUCT);
  }

  /** What every check uses knows none of them, so any kind can build on it. */
  @Test
  void evidenceCoreDependsOnNoCheckKind() {
    noClasses().that().resideInAPackage("io.deploychecklist.evidence..")
        .should().dependOnClassesThat().resideInAnyPackage(CHECK_KINDS)
        .check(PRODUCT);
  }
}

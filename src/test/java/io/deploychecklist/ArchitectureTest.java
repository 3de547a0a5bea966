package io.deploychecklist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/**
 * Package by feature, without cycles: a feature may use another, never the other way round as
 * well, so each can be understood (and changed) starting from what it uses.
 */
class ArchitectureTest {

  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.deploychecklist");

  /** Features whose delegates record evidence besides the kinds below {@code checks}. */
  private static final List<String> FEATURES_WITH_CHECKS = List.of("monitoring", "load", "pipeline", "notify");

  /** Every package that holds checks: one kind each below {@code checks}, and those features. */
  private static final String[] CHECK_KINDS = Stream.concat(
          Stream.of("io.deploychecklist.checks.."),
          FEATURES_WITH_CHECKS.stream().map(feature -> "io.deploychecklist." + feature + ".."))
      .toArray(String[]::new);

  /**
   * A slice per kind of check: {@code checks.http}, {@code checks.dns}, ..., and each feature with
   * checks. The wiring directly in {@code checks}, which may see several kinds, belongs to none.
   */
  private static final SliceAssignment CHECK_KIND = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String[] parts = javaClass.getPackageName().split("\\.");
      if (parts.length > 3 && parts[2].equals("checks")) {
        return SliceIdentifier.of("checks." + parts[3]);
      }
      if (parts.length > 2 && FEATURES_WITH_CHECKS.contains(parts[2])) {
        return SliceIdentifier.of(parts[2]);
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "kinds of check";
    }
  };

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.deploychecklist.(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  /** A new kind of check is added (or removed) without touching the others. */
  @Test
  void checkKindsDoNotDependOnEachOther() {
    slices().assignedFrom(CHECK_KIND).should().notDependOnEachOther().check(PRODUCT);
  }

  /** What every check uses knows none of them, so any kind can build on it. */
  @Test
  void evidenceCoreDependsOnNoCheckKind() {
    noClasses().that().resideInAPackage("io.deploychecklist.evidence..")
        .should().dependOnClassesThat().resideInAnyPackage(CHECK_KINDS)
        .check(PRODUCT);
  }

  /** One way to record a check: evidence, log line and timing look the same for every check. */
  @Test
  void checkDelegatesRecordEvidenceThroughTheTemplate() {
    noClasses().that().implement(JavaDelegate.class)
        .and().areNotAssignableTo(CheckDelegate.class)
        // A notification logs on its own, with the release's business key, and warns when it failed.
        .and().resideOutsideOfPackage("io.deploychecklist.notify..")
        .should().callMethod(EvidenceVariables.class, "write", VariableScope.class, Evidence.class)
        .because("a check delegate extends CheckDelegate, which records its evidence and logs it")
        .check(PRODUCT);
  }
}

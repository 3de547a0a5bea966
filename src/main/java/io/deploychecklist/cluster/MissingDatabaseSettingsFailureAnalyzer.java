package io.deploychecklist.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing production database into Spring Boot's "APPLICATION FAILED TO START" report. */
class MissingDatabaseSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingDatabaseSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingDatabaseSettingsException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set the environment variables " + ProductionDatabaseCheck.URL + " (for example "
            + "jdbc:postgresql://db.example.internal:5432/checklist), " + ProductionDatabaseCheck.USER
            + " and " + ProductionDatabaseCheck.PASSWORD
            + " for every node, or start without the prod profile to use the local H2 file database.",
        cause);
  }
}

package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.DeploymentChecklistApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class ProductionDatabaseCheckTest {

  @Test
  void namesEveryMissingVariable() {
    MockEnvironment environment = new MockEnvironment().withProperty("CHECKLIST_DB_USER", "checklist");

    assertThatThrownBy(() -> ProductionDatabaseCheck.check(environment))
        .isInstanceOf(MissingDatabaseSettingsException.class)
        .hasMessage("The prod profile runs on PostgreSQL and needs its database from the environment: "
            + "CHECKLIST_DB_URL, CHECKLIST_DB_PASSWORD are not set.");
  }

  @Test
  void aBlankVariableIsMissing() {
    MockEnvironment environment = complete().withProperty("CHECKLIST_DB_PASSWORD", "  ");

    assertThatThrownBy(() -> ProductionDatabaseCheck.check(environment))
        .hasMessageEndingWith("CHECKLIST_DB_PASSWORD is not set.");
  }

  @Test
  void refusesADatabaseOtherThanPostgresWithoutShowingUrlParameters() {
    MockEnvironment environment = complete().withProperty("CHECKLIST_DB_URL", "jdbc:h2:file:./data/x?password=secret");

    assertThatThrownBy(() -> ProductionDatabaseCheck.check(environment))
        .hasMessageEndingWith("CHECKLIST_DB_URL must start with jdbc:postgresql:, was 'jdbc:h2:file:./data/x?...'.")
        .hasMessageNotContaining("secret");
  }

  @Test
  void acceptsACompletePostgresDatabase() {
    assertThatNoException().isThrownBy(() -> ProductionDatabaseCheck.check(complete()));
  }

  @Test
  void theProdProfileWithoutItsDatabaseDoesNotStartAndSaysWhatToSet(CapturedOutput output) {
    SpringApplication application = new SpringApplication(DeploymentChecklistApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setAdditionalProfiles("prod");

    // Blank arguments outrank whatever the machine's environment holds.
    assertThatThrownBy(() -> application.run(
        "--CHECKLIST_DB_URL=", "--CHECKLIST_DB_USER=", "--CHECKLIST_DB_PASSWORD="))
        .isInstanceOf(MissingDatabaseSettingsException.class);
    assertThat(output).contains("APPLICATION FAILED TO START",
        "CHECKLIST_DB_URL, CHECKLIST_DB_USER, CHECKLIST_DB_PASSWORD are not set",
        "Set the environment variables CHECKLIST_DB_URL");
  }

  private static MockEnvironment complete() {
    return new MockEnvironment()
        .withProperty("CHECKLIST_DB_URL", "jdbc:postgresql://db.example.internal:5432/checklist")
        .withProperty("CHECKLIST_DB_USER", "checklist")
        .withProperty("CHECKLIST_DB_PASSWORD", "s3cret");
  }
}

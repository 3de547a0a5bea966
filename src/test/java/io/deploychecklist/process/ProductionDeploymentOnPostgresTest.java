package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.deploychecklist.cluster.OnPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every release, rollback and timer test of the main process, on PostgreSQL in the prod profile;
 * and the engine that profile builds.
 */
@OnPostgres
class ProductionDeploymentOnPostgresTest extends ProductionDeploymentProcessTest {

  @Autowired DataSource dataSource;
  @Autowired CamundaBpmProperties camunda;

  @Test
  void theProdProfileRunsOnPostgresWithThePoolAndTheJobExecutorOfAClusterNode() throws SQLException {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
    assertThat(configuration.getDatabaseSchemaUpdate()).isEqualTo("true");
    assertThat(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(20);

    // These tests run the jobs themselves; the settings a node's job executor gets:
    JobExecutionProperty jobs = camunda.getJobExecution();
    assertThat(jobs.isDeploymentAware()).isFalse();
    assertThat(jobs.getMaxPoolSize()).as("job threads fit the pool with room for web requests").isLessThan(20);
    assertThat(jobs.getLockTimeInMillis()).isEqualTo(120_000);
    assertThat(jobs.getMaxWait()).isEqualTo(10_000L);
    assertThat(configuration.isJobExecutorPreferTimerJobs()).isTrue();
    assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
    assertThat(configuration.isJobExecutorAcquireExclusiveOverProcessHierarchies()).isTrue();

    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
  }

  @Test
  void everyDeployedProcessAndDecisionKeepsItsHistoryFor180Days() {
    // The product's definitions: their files are in processes/ (test fixtures are not).
    List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().list().stream()
        .filter(p -> Files.exists(Path.of(p.getResourceName()))).toList();
    List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery().list().stream()
        .filter(d -> Files.exists(Path.of(d.getResourceName()))).toList();
    assertThat(processes).extracting(ProcessDefinition::getKey).contains(ProductionDeployment.KEY,
        PreDeployment.KEY, DeploymentDay.KEY, PostDeployment.KEY, Rollback.KEY);
    assertThat(decisions).extracting(DecisionDefinition::getKey).contains(PostDeployment.GO_LIVE_DECISION);
    assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isEqualTo(180));
    assertThat(decisions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(180));
  }

  @Test
  void resourcesAreDeployedUnderTheirFolderAndFileName() {
    List<Deployment> deployments = repository.createDeploymentQuery().list();
    assertThat(deployments).hasSize(1);
    List<String> names = repository.getDeploymentResources(deployments.get(0).getId()).stream()
        .map(Resource::getName).toList();
    assertThat(names).contains("processes/production-deployment.bpmn", "processes/go-live-criteria.dmn",
        "forms/release-start.form");
    assertThat(names).allMatch(name -> name.matches("(processes|forms)/[^/]+"), "folder/file names");
  }
}

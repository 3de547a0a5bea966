package io.deploychecklist.identity;

import static io.deploychecklist.identity.ChecklistGroup.DEPLOYMENT_MANAGERS;
import static io.deploychecklist.identity.ChecklistGroup.OPERATORS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.Rollback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Who may do what: every authorization the checklist relies on, in one place, created at start-up
 * in every profile. Only what is missing is added (a permission an administrator granted on top
 * stays), so a restart or a second node changes nothing.
 *
 * <p>What is not here because the engine does it per task: a task's candidate groups and users get
 * READ and TASK_WORK on that task when it is created ({@code defaultUserPermissionNameForTask} in
 * application.yaml), so each group sees and completes the tasks of its own sections, and nobody
 * else's. Users created in Admin get READ on their own profile, the owner of a filter gets ALL on it.
 *
 * <p>The matrix (also in the README):
 * <ul>
 *   <li>every group that does tasks: Tasklist; READ on the checklist's process definitions (the
 *       diagram and forms in Tasklist, never an instance); READ on its own Tasklist filter and on the
 *       shared "All tasks" filter, if it exists;
 *   <li>{@code deployment-managers}: also Cockpit; start a release (CREATE on process instances,
 *       CREATE_INSTANCE on the main process only: its call activities start the phases without an
 *       authorization check, so no phase can be started on its own); read every release,
 *       its history and its go-live decisions (READ_INSTANCE, READ_HISTORY); request a rollback
 *       (CREATE_INSTANCE on {@code request-rollback}, which sends the message on their behalf): no
 *       right to change a release (no UPDATE), so nobody but the administrator goes around its model;
 *   <li>{@code operators}: Cockpit only; READ on everything an operator looks at (definitions,
 *       instances, tasks, history, decisions, deployments, batches, the operation log); nothing that
 *       changes anything;
 *   <li>{@code camunda-admin}: ALL on every resource (users, groups, authorizations, every
 *       application, every process).
 * </ul>
 */
@Component
@Order(3)
class ChecklistAuthorizations implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ChecklistAuthorizations.class);

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";

  /** The processes of a release: the main one and those it calls. */
  static final List<String> PROCESSES = List.of(ProductionDeployment.KEY, PreDeployment.KEY,
      DeploymentDay.KEY, PostDeployment.KEY, Rollback.KEY, ResolveBlocker.KEY);

  /** One row of the matrix: a group may do these on this resource. */
  record Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {

    @Override
    public String toString() {
      return groupId + " " + resource.resourceName() + " " + resourceId + " "
          + Arrays.stream(permissions).map(Permission::getName).collect(Collectors.joining(","));
    }
  }

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final FilterService filters;
  private final String adminUserId;
  private final String sharedFilterName;

  ChecklistAuthorizations(AuthorizationService authorizations, IdentityService identity, FilterService filters,
      @Value("${camunda.bpm.admin-user.id:}") String adminUserId,
      @Value("${camunda.bpm.filter.create:}") String sharedFilterName) {
    this.authorizations = authorizations;
    this.identity = identity;
    this.filters = filters;
    this.adminUserId = adminUserId;
    this.sharedFilterName = sharedFilterName;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureAdministrators();
    List<Grant> matrix = matrix();
    matrix.forEach(this::ensure);
    LOG.info("Checklist authorizations in place: {} grants", matrix.size());
  }

  /** The whole matrix, filters resolved to their ids. */
  List<Grant> matrix() {
    List<Grant> grants = new ArrayList<>();
    for (ChecklistGroup group : ChecklistGroup.values()) {
      if (!group.doesTasks()) {
        continue;
      }
      grants.add(new Grant(group.id, Resources.APPLICATION, TASKLIST, Permissions.ACCESS));
      for (String process : PROCESSES) {
        grants.add(new Grant(group.id, Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ));
      }
      // Its diagram and form only: starting it takes CREATE_INSTANCE, which deployment managers alone hold.
      grants.add(new Grant(group.id, Resources.PROCESS_DEFINITION, RequestRollback.KEY, ProcessDefinitionPermissions.READ));
      filterId(ChecklistGroupsInitializer.filterName(group))
          .ifPresent(id -> grants.add(new Grant(group.id, Resources.FILTER, id, Permissions.READ)));
      if (!sharedFilterName.isBlank()) {
        filterId(sharedFilterName)
            .ifPresent(id -> grants.add(new Grant(group.id, Resources.FILTER, id, Permissions.READ)));
      }
    }
    grants.addAll(deploymentManagers());
    grants.addAll(operators());
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL));
    }
    return grants;
  }

  private static List<Grant> deploymentManagers() {
    String managers = DEPLOYMENT_MANAGERS.id;
    List<Grant> grants = new ArrayList<>();
    grants.add(new Grant(managers, Resources.APPLICATION, COCKPIT, Permissions.ACCESS));
    grants.add(new Grant(managers, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));
    for (String process : PROCESSES) {
      List<ProcessDefinitionPermissions> permissions = new ArrayList<>(List.of(
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY));
      // Only the main process: a call activity starts its phase without checking the caller's
      // rights, so nobody needs to (or may) start a phase or the rollback plan on its own.
      if (process.equals(ProductionDeployment.KEY)) {
        permissions.add(ProcessDefinitionPermissions.CREATE_INSTANCE);
      }
      grants.add(new Grant(managers, Resources.PROCESS_DEFINITION, process,
          permissions.toArray(Permission[]::new)));
    }
    grants.add(new Grant(managers, Resources.PROCESS_DEFINITION, RequestRollback.KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(new Grant(managers, Resources.DECISION_DEFINITION, PostDeployment.GO_LIVE_DECISION,
        Permissions.READ, Permissions.READ_HISTORY));
    return grants;
  }

  private static List<Grant> operators() {
    String operators = OPERATORS.id;
    return List.of(
        new Grant(operators, Resources.APPLICATION, COCKPIT, Permissions.ACCESS),
        new Grant(operators, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
            ProcessDefinitionPermissions.READ_HISTORY),
        new Grant(operators, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ),
        new Grant(operators, Resources.TASK, ANY, TaskPermissions.READ),
        new Grant(operators, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ),
        new Grant(operators, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ),
        new Grant(operators, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY),
        new Grant(operators, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ),
        new Grant(operators, Resources.DEPLOYMENT, ANY, Permissions.READ),
        new Grant(operators, Resources.BATCH, ANY, BatchPermissions.READ, BatchPermissions.READ_HISTORY),
        new Grant(operators, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));
  }

  /**
   * The configured administrator is a direct member of {@code camunda-admin}, whether the starter
   * just created it or it existed before: with a member in that group Camunda's own first-run setup
   * has nothing to do either (CVE-2026-77226, see AdminSetupEndpointFilter).
   */
  private void ensureAdministrators() {
    if (identity.isReadOnly()) {
      // LDAP or another read-only identity provider: users, groups and memberships live there
      // (and the administrator gets its rights from Camunda's AdministratorAuthorizationPlugin).
      if (!adminUserId.isBlank() && identity.createUserQuery().userId(adminUserId)
          .memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
        LOG.warn("{} is not a member of {} in the identity provider", adminUserId, Groups.CAMUNDA_ADMIN);
      }
      return;
    }
    if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("camunda BPM Administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identity.saveGroup(group);
    }
    if (adminUserId.isBlank() || identity.createUserQuery().userId(adminUserId).count() == 0) {
      return;
    }
    if (identity.createUserQuery().userId(adminUserId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identity.createMembership(adminUserId, Groups.CAMUNDA_ADMIN);
      LOG.info("Made {} a member of {}", adminUserId, Groups.CAMUNDA_ADMIN);
    }
  }

  private Optional<String> filterId(String name) {
    return filters.createFilterQuery().filterName(name).list().stream().findFirst().map(Filter::getId);
  }

  private void ensure(Grant grant) {
    try {
      ensureOnce(grant);
    } catch (ProcessEngineException concurrent) {
      // Another node created the same authorization at the same moment: read it again.
      LOG.debug("Retrying {} after {}", grant, concurrent.getMessage());
      ensureOnce(grant);
    }
  }

  private void ensureOnce(Grant grant) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .list().stream().findFirst().orElse(null);
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else if (Arrays.stream(grant.permissions()).allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}

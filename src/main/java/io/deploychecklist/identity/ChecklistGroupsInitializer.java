package io.deploychecklist.identity;

import io.deploychecklist.cluster.StartupLock;
import io.deploychecklist.tasklist.TaskCardVariables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups and one Tasklist filter per group at start-up, in every profile, and only
 * what is missing: a restart or a second node changes nothing, also when nodes start together
 * (the check and the creation run under the {@link StartupLock}).
 */
@Component
@Order(1)
class ChecklistGroupsInitializer implements ApplicationRunner {

  static final String WORKFLOW = "WORKFLOW";

  private static final Logger LOG = LoggerFactory.getLogger(ChecklistGroupsInitializer.class);

  private final IdentityService identityService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final StartupLock startupLock;

  ChecklistGroupsInitializer(IdentityService identityService, FilterService filterService, TaskService taskService,
      StartupLock startupLock) {
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.startupLock = startupLock;
  }

  @Override
  public void run(ApplicationArguments args) {
    startupLock.runExclusively(this::createMissing);
  }

  private void createMissing() {
    int priority = 10;
    for (ChecklistGroup group : ChecklistGroup.values()) {
      createGroupIfMissing(group);
      if (group.doesTasks()) {
        createFilterIfMissing(group, priority++);
      }
    }
  }

  private void createGroupIfMissing(ChecklistGroup checklistGroup) {
    if (identityService.createGroupQuery().groupId(checklistGroup.id).count() > 0) {
      return;
    }
    if (identityService.isReadOnly()) {
      // LDAP: the groups are created there, with these ids; nobody can do this group's tasks until then.
      LOG.warn("Group '{}' ({}) does not exist in the read-only identity provider", checklistGroup.id,
          checklistGroup.displayName);
      return;
    }
    Group group = identityService.newGroup(checklistGroup.id);
    group.setName(checklistGroup.displayName);
    group.setType(WORKFLOW);
    identityService.saveGroup(group);
  }

  private void createFilterIfMissing(ChecklistGroup group, int priority) {
    String name = filterName(group);
    List<Filter> existing = filterService.createFilterQuery().filterName(name).list();
    if (!existing.isEmpty()) {
      existing.forEach(this::showReleaseOnCards);
      return;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setQuery(taskService.createTaskQuery().taskCandidateGroup(group.id).includeAssignedTasks())
        .setProperties(new HashMap<>(Map.of(
            "description", "Release checklist tasks for " + group.id,
            "priority", priority,
            "refresh", true,
            "variables", TaskCardVariables.FILTER_PROPERTY)));
    filterService.saveFilter(filter);
  }

  /** Filters created before the cards showed the release get the card variables; others stay as set. */
  private void showReleaseOnCards(Filter filter) {
    if (filter.getProperties() != null && filter.getProperties().containsKey("variables")) {
      return;
    }
    Map<String, Object> properties = filter.getProperties() == null ? new HashMap<>() : new HashMap<>(filter.getProperties());
    properties.put("variables", TaskCardVariables.FILTER_PROPERTY);
    filterService.saveFilter(filter.setProperties(properties));
  }

  static String filterName(ChecklistGroup group) {
    return group.displayName + " tasks";
  }
}

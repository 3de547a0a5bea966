package io.deploychecklist.identity;

import static io.deploychecklist.identity.ChecklistGroup.DEPLOYMENT_MANAGERS;
import static io.deploychecklist.identity.ChecklistGroup.OPERATORS;
import static io.deploychecklist.identity.ChecklistGroup.PLATFORM_ENGINEERS;
import static io.deploychecklist.identity.ChecklistGroup.PRODUCT_OWNERS;
import static io.deploychecklist.identity.ChecklistGroup.QA;
import static io.deploychecklist.identity.ChecklistGroup.SECURITY;
import static io.deploychecklist.identity.ChecklistGroup.SRE;
import static io.deploychecklist.identity.ChecklistGroup.TECH_LEADS;

import io.deploychecklist.cluster.StartupLock;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** One demo user per group, password {@value #PASSWORD}: the demo (default) profile only. */
@Component
@Profile("default")
@Order(2)
class DemoUsersInitializer implements ApplicationRunner {

  static final String PASSWORD = "demo";

  static final Map<String, ChecklistGroup> USERS = Map.of(
      "manager", DEPLOYMENT_MANAGERS,
      // A second deployment manager: a waiver needs one who did not ask for it (four eyes).
      "manager2", DEPLOYMENT_MANAGERS,
      "platform", PLATFORM_ENGINEERS,
      "security", SECURITY,
      "sre", SRE,
      "qa", QA,
      "techlead", TECH_LEADS,
      "product", PRODUCT_OWNERS,
      "operator", OPERATORS);

  private final IdentityService identityService;
  private final StartupLock startupLock;

  DemoUsersInitializer(IdentityService identityService, StartupLock startupLock) {
    this.identityService = identityService;
    this.startupLock = startupLock;
  }

  @Override
  public void run(ApplicationArguments args) {
    startupLock.runExclusively(() -> USERS.forEach(this::createIfMissing));
  }

  private void createIfMissing(String userId, ChecklistGroup group) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      user.setFirstName(userId.substring(0, 1).toUpperCase() + userId.substring(1));
      user.setLastName("(" + group.displayName + ")");
      user.setEmail(userId + "@example.invalid");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(group.id).count() == 0) {
      identityService.createMembership(userId, group.id);
    }
  }
}

package io.deploychecklist.integrity;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTenantCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * Users, groups and tenants the administrator creates fit the identity tables (ids of 64
 * characters, names of 255): checked before the database would refuse them with a 500.
 */
final class IdentityInput {

  private static final int MAX_ID = 64;
  private static final int MAX_TEXT = 255;

  private IdentityInput() {}

  static void check(Command<?> command) {
    if (command instanceof SaveUserCmd) {
      User user = CommandFields.read(command, "user", User.class);
      if (user != null) {
        fits("User id", user.getId(), MAX_ID);
        fits("User firstName", user.getFirstName(), MAX_TEXT);
        fits("User lastName", user.getLastName(), MAX_TEXT);
        fits("User email", user.getEmail(), MAX_TEXT);
      }
    } else if (command instanceof SaveGroupCmd) {
      Group group = CommandFields.read(command, "group", Group.class);
      if (group != null) {
        fits("Group id", group.getId(), MAX_ID);
        fits("Group name", group.getName(), MAX_TEXT);
        fits("Group type", group.getType(), MAX_TEXT);
      }
    } else if (command instanceof SaveTenantCmd) {
      Tenant tenant = CommandFields.read(command, "tenant", Tenant.class);
      if (tenant != null) {
        fits("Tenant id", tenant.getId(), MAX_ID);
        fits("Tenant name", tenant.getName(), MAX_TEXT);
      }
    }
  }

  private static void fits(String field, String value, int max) {
    if (value != null && value.length() > max) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
      throw new RefusedRequest(field + " must have at most " + max + " characters, was '" + shown + "' ("
          + value.length() + ")");
    }
  }
}

package io.deploychecklist.signoff;

import io.deploychecklist.process.PostDeployment.Elements;
import java.util.Arrays;
import java.util.Optional;

/** The three final sign-offs of section 17: their task, their form field, their role's words. */
public enum SignOff {
  DEPLOYMENT_MANAGER(Elements.SIGN_OFF_DEPLOYMENT_MANAGER, "deploymentManagerSignOff", "Deployment Manager"),
  TECHNICAL_LEAD(Elements.SIGN_OFF_TECHNICAL_LEAD, "technicalLeadSignOff", "Technical Lead"),
  PRODUCT_OWNER(Elements.SIGN_OFF_PRODUCT_OWNER, "productOwnerSignOff", "Product Owner");

  final String taskKey;
  final String field;
  final String role;

  SignOff(String taskKey, String field, String role) {
    this.taskKey = taskKey;
    this.field = field;
    this.role = role;
  }

  /** The user task of this sign-off. */
  public String taskKey() {
    return taskKey;
  }

  /** The role in the checklist's words ("Technical Lead"). */
  public String role() {
    return role;
  }

  /** Who signed: {@code <field>By}. */
  public String signedByVariable() {
    return field + "By";
  }

  /** When: {@code <field>At}. */
  public String signedAtVariable() {
    return field + "At";
  }

  static Optional<SignOff> ofTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(s -> s.taskKey.equals(taskDefinitionKey)).findFirst();
  }

  static String[] taskKeys() {
    return Arrays.stream(values()).map(s -> s.taskKey).toArray(String[]::new);
  }
}

package io.deploychecklist.identity;

/** The groups a release needs: candidate groups of the tasks, and the operators who watch. */
public enum ChecklistGroup {
  DEPLOYMENT_MANAGERS("deployment-managers", "Deployment managers"),
  PLATFORM_ENGINEERS("platform-engineers", "Platform engineers"),
  SECURITY("security", "Security"),
  SRE("sre", "Site reliability engineers"),
  QA("qa", "Quality assurance"),
  TECH_LEADS("tech-leads", "Technical leads"),
  PRODUCT_OWNERS("product-owners", "Product owners"),
  OPERATORS("operators", "Operators");

  public final String id;
  public final String displayName;

  ChecklistGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** Operators watch in Cockpit; they do no tasks, so they get no task filter. */
  boolean doesTasks() {
    return this != OPERATORS;
  }
}

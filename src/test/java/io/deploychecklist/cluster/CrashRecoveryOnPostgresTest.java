package io.deploychecklist.cluster;

/** Crash recovery in the prod profile on PostgreSQL. */
class CrashRecoveryOnPostgresTest extends CrashRecoveryTest {

  private final SharedPostgres.Database database = SharedPostgres.freshDatabase("crash");

  @Override
  AppNode.Builder application(String name) {
    return AppNode.named(name)
        .environment(database.environment())
        .arguments("--spring.profiles.active=prod", "--checklist.node.name=" + name)
        .arguments(commonArguments());
  }
}

package io.deploychecklist.process;

import io.deploychecklist.cluster.OnPostgres;

/** The failed-baseline-check tests of pre-deployment, on PostgreSQL in the prod profile. */
@OnPostgres
class PreDeploymentOnPostgresTest extends PreDeploymentProcessTest {}

package io.deploychecklist.process;

import io.deploychecklist.cluster.OnPostgres;

/** The same moments on PostgreSQL in the prod profile. */
@OnPostgres
class SimultaneousCompletionsOnPostgresTest extends SimultaneousCompletionsTest {
}

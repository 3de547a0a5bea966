package io.deploychecklist.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.checks.tls.TestCertificates;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real redis-server started per test. Without redis-server on the PATH those tests are
 * reported as skipped (by name); the tests that need no server still run.
 */
class RedisCheckTest {

  private static final String PASSWORD = "redis-pass-0b7e55";

  @TempDir Path dir;

  private final RedisCheck check =
      new RedisCheck(
          Map.of("CHECKLIST_REDIS_PASSWORD", PASSWORD, "WRONG_REDIS_PASSWORD", "wrong-9d2c")::get,
          () -> {
            throw new AssertionError("no TLS expected");
          });

  @Test
  void withoutPersistenceItFails() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "no")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.target()).isEqualTo("redis://127.0.0.1:" + redis.port);
      assertThat(evidence.observed()).matches("PONG from Redis [\\d.]+ \\(no AUTH\\); AOF off, RDB off");
      assertThat(evidence.threshold()).isEqualTo("PING answers PONG, persistence (AOF or RDB) on");
      assertThat(evidence.detail()).startsWith("persistence is off: a restart loses every key");
    }
  }

  @Test
  void aPureCacheNeedsNoPersistence() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "no")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, false));

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.threshold()).isEqualTo("PING answers PONG");
      assertThat(evidence.detail()).contains("answered PING without a password; AOF off, RDB off");
    }
  }

  @Test
  void appendOnlyFileCountsAsPersistence() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).endsWith("AOF on, RDB off");
    }
  }

  @Test
  void rdbSnapshotsCountAsPersistence() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "900 1", "--appendonly", "no")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).endsWith("AOF off, RDB on (save 900 1)");
    }
  }

  @Test
  void theRightPasswordIsAccepted() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--requirepass", PASSWORD, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, "CHECKLIST_REDIS_PASSWORD", true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).matches("PONG from Redis [\\d.]+ after AUTH; AOF on, RDB off");
      assertThat(evidence.threshold()).startsWith("AUTH accepted, PING answers PONG");
      assertThat(evidence.toJson()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aWrongPasswordFails() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--requirepass", PASSWORD, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, "WRONG_REDIS_PASSWORD", true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("authentication failed");
      assertThat(evidence.toJson()).doesNotContain("wrong-9d2c").doesNotContain(PASSWORD);
    }
  }

  @Test
  void aServerThatWantsAPasswordWhenNoneIsConfiguredFails() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--requirepass", PASSWORD, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("authentication required");
      assertThat(evidence.detail()).contains("checklist.redis.password-env");
    }
  }

  @Test
  void aServerWithoutPasswordWhenOneIsConfiguredFails() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, "CHECKLIST_REDIS_PASSWORD", true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("no password on the server");
      assertThat(evidence.toJson()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aRedisWithRequirepassRefusesAClientWithoutPassword() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--requirepass", PASSWORD, "--save", "", "--appendonly", "yes")) {
      Evidence evidence =
          check.checkPasswordRequired("redisPasswordRequired", properties(redis.port, "CHECKLIST_REDIS_PASSWORD", true));

      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.check()).isEqualTo("redisPasswordRequired");
      assertThat(evidence.observed()).startsWith("refused: NOAUTH");
      assertThat(evidence.threshold()).isEqualTo("PING without a password is refused (NOAUTH)");
      assertThat(evidence.toJson()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aRedisWithoutPasswordAnsweringAnyoneFails() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.checkPasswordRequired("redisPasswordRequired", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("PING without a password answered PONG");
      assertThat(evidence.detail()).startsWith("Redis answers a client that sent no password")
          .contains("requirepass");
    }
  }

  @Test
  void withoutRedisTheRefusalIsSkippedOrFails() throws IOException {
    Evidence skipped = check.checkPasswordRequired(
        "redisPasswordRequired", new RedisCheckProperties(null, null, null, null, null, null, null));
    assertThat(skipped.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(skipped.detail()).isEqualTo(RedisCheck.NOT_CONFIGURED_PASSWORD);

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Evidence down = check.checkPasswordRequired("redisPasswordRequired", properties(port, null, true));
    assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(down.observed()).isEqualTo("no connection");
  }

  @Test
  void withConfigRenamedPersistenceIsReadFromInfo() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--rename-command", "CONFIG", "", "--save", "", "--appendonly", "yes")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).endsWith("; AOF on");
      assertThat(evidence.detail()).contains("CONFIG GET refused").contains("INFO persistence");
    }
  }

  @Test
  void withConfigRenamedAndNoAofAPersonChecksTheSnapshots() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--rename-command", "CONFIG", "", "--save", "", "--appendonly", "no")) {
      Evidence evidence = check.check("redis", properties(redis.port, null, true));

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).endsWith("AOF off, no RDB snapshot since start");
      assertThat(evidence.detail()).contains("verify the save setting by hand");
    }
  }

  @Test
  void overTlsTheServerCertificateIsVerified() throws Exception {
    TestCertificates certificates = new TestCertificates();
    Instant now = Instant.now();
    HeldCertificate server =
        certificates.server(now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), "127.0.0.1");
    Path cert = dir.resolve("redis.crt");
    Path key = dir.resolve("redis.key");
    Files.writeString(cert, server.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(key, server.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
    SSLSocketFactory trustingTestCa = certificates.trust().sslSocketFactory();
    RedisCheck overTls = new RedisCheck(name -> null, () -> trustingTestCa);

    try (RedisServerProcess redis =
        RedisServerProcess.startTls(dir, cert, key, "--save", "", "--appendonly", "yes")) {
      RedisCheckProperties properties =
          new RedisCheckProperties("127.0.0.1", redis.port, null, null, true, true, Duration.ofSeconds(5));

      Evidence evidence = overTls.check("redis", properties);

      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.target()).isEqualTo("rediss://127.0.0.1:" + redis.port);
      assertThat(evidence.detail()).contains("over TLS");

      RedisCheck trustingNothing = new RedisCheck(name -> null, () -> new TestCertificates().trust().sslSocketFactory());
      Evidence untrusted = trustingNothing.check("redis", properties);
      assertThat(untrusted.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(untrusted.detail()).startsWith("TLS handshake with rediss://127.0.0.1:" + redis.port + " failed");
    }
  }

  @Test
  void nothingListeningFails() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    Evidence evidence = check.check("redis", properties(port, null, true));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no connection");
    assertThat(evidence.detail()).isEqualTo("connection refused: nothing listens at redis://127.0.0.1:" + port);
  }

  @Test
  void nothingConfiguredIsSkipped() {
    Evidence evidence =
        check.check("redis", new RedisCheckProperties(null, null, null, null, null, null, null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(RedisCheck.NOT_CONFIGURED);
  }

  @Test
  void anUnsetPasswordVariableIsABrokenConfiguration() {
    assertThatThrownBy(() -> check.check("redis", properties(6379, "REDIS_PASSWORD_UNSET", true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REDIS_PASSWORD_UNSET")
        .hasMessageContaining("checklist.redis.password-env");
  }

  @Test
  void propertiesHaveDefaults() {
    RedisCheckProperties defaults = new RedisCheckProperties(" ", null, null, null, null, null, null);

    assertThat(defaults.configured()).isFalse();
    assertThat(defaults.port()).isEqualTo(6379);
    assertThat(defaults.tls()).isFalse();
    assertThat(defaults.requirePersistence()).isTrue();
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  private static RedisCheckProperties properties(int port, String passwordEnv, boolean requirePersistence) {
    return new RedisCheckProperties(
        "127.0.0.1", port, null, passwordEnv, false, requirePersistence, Duration.ofSeconds(5));
  }
}

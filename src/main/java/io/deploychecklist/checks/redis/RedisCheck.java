package io.deploychecklist.checks.redis;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks the target's Redis (sections 1 and 4) with Jedis: connect, AUTH when a password is
 * configured, PING, and whether persistence is on (AOF or RDB snapshots). Persistence is read with
 * {@code CONFIG GET}; where CONFIG is renamed or forbidden (managed Redis), from {@code INFO
 * persistence}. Plain Java: tested against a real {@code redis-server}.
 */
public class RedisCheck {

  static final String DEFAULT_CHECK_NAME = "redis";
  static final String NOT_CONFIGURED =
      "no Redis configured (checklist.redis.host is empty): verify by hand that Redis answers PING"
          + " with its password and that persistence (AOF or RDB) is on";
  static final String NOT_CONFIGURED_PASSWORD =
      "no Redis configured (checklist.redis.host is empty): verify by hand that Redis refuses a"
          + " command (redis-cli PING) from a client that sends no password";
  /** The name of the refusal's evidence beside the check's own: {@code redis} gives {@code redisPasswordRequired}. */
  static final String PASSWORD_REQUIRED = "passwordRequired";

  private final SecretSource secrets;
  private final Supplier<SSLSocketFactory> tlsSockets;

  /**
   * @param tlsSockets asked only when {@code checklist.redis.tls} is on, once per check (so a
   *     broken trust store matters only to a Redis behind TLS)
   */
  public RedisCheck(SecretSource secrets, Supplier<SSLSocketFactory> tlsSockets) {
    this.secrets = secrets;
    this.tlsSockets = tlsSockets;
  }

  /**
   * @throws IllegalStateException when the password variable is named but unset (a broken
   *     configuration)
   */
  public Evidence check(String checkName, RedisCheckProperties properties) {
    if (!properties.configured()) {
      return Evidence.skipped(checkName, null, NOT_CONFIGURED);
    }
    String password = secrets.require(properties.passwordEnv(), RedisCheckProperties.KEY + ".password-env");
    String target =
        (properties.tls() ? "rediss://" : "redis://") + properties.host() + ":" + properties.port();
    String threshold =
        (password == null ? "" : "AUTH accepted, ") + "PING answers PONG"
            + (properties.requirePersistence() ? ", persistence (AOF or RDB) on" : "");

    DefaultJedisClientConfig.Builder config = config(properties);
    if (properties.username() != null) {
      config.user(properties.username());
    }
    if (password != null) {
      config.password(password);
    }

    CheckRun run = CheckRun.start(checkName, target, threshold);
    try (Jedis redis = new Jedis(new HostAndPort(properties.host(), properties.port()), config.build())) {
      String pong = redis.ping();
      if (!"PONG".equalsIgnoreCase(pong)) {
        return run.failed("PING answered " + pong, "PING did not answer PONG");
      }
      String version = field(redis.info("server"), "redis_version");
      Persistence persistence = persistence(redis);
      run.stop();
      String observed =
          "PONG from Redis " + version + (password == null ? " (no AUTH)" : " after AUTH") + "; "
              + persistence.text;
      if (properties.requirePersistence() && !persistence.on) {
        return run.failed(
            observed,
            "persistence is off: a restart loses every key. Turn on AOF (appendonly yes) or RDB"
                + " snapshots (save ...), or set checklist.redis.require-persistence=false for a"
                + " pure cache" + (persistence.note == null ? "" : " (" + persistence.note + ")"));
      }
      String detail =
          "Redis " + version + " answered PING"
              + (password == null ? " without a password" : " after AUTH")
              + (properties.tls() ? " over TLS" : "") + "; " + persistence.text
              + (persistence.note == null ? "" : " (" + persistence.note + ")");
      return run.passed(observed, detail);
    } catch (JedisException e) {
      return failure(run, properties, target, e, password);
    }
  }

  /**
   * Whether Redis refuses a command from a client that sends no password (section 1, "Redis
   * password configured"): a connection without AUTH sends PING, which must be answered with
   * NOAUTH. Whatever the configuration says about the password, a Redis that answers PONG here is
   * open to anyone who reaches it.
   */
  public Evidence checkPasswordRequired(String checkName, RedisCheckProperties properties) {
    if (!properties.configured()) {
      return Evidence.skipped(checkName, null, NOT_CONFIGURED_PASSWORD);
    }
    String target =
        (properties.tls() ? "rediss://" : "redis://") + properties.host() + ":" + properties.port();
    CheckRun run = CheckRun.start(checkName, target, "PING without a password is refused (NOAUTH)");
    try (Jedis redis = new Jedis(new HostAndPort(properties.host(), properties.port()), config(properties).build())) {
      String pong = redis.ping();
      return run.failed(
          "PING without a password answered " + pong,
          "Redis answers a client that sent no password: anyone who reaches " + target + " can"
              + " read and write every key. Set requirepass (or an ACL without nopass for the"
              + " default user) and the password in the variable named by checklist.redis.password-env");
    } catch (JedisDataException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toUpperCase(Locale.ROOT).startsWith("NOAUTH")) {
        return run.passed(
            "refused: " + message,
            "Redis refuses a command from a client without a password");
      }
      return run.failed("error", "PING without a password got neither PONG nor NOAUTH: " + message);
    } catch (JedisException e) {
      return failure(run, properties, target, e, null);
    }
  }

  private DefaultJedisClientConfig.Builder config(RedisCheckProperties properties) {
    int timeoutMs = ChecksSettings.millis(properties.timeout());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .ssl(properties.tls());
    if (properties.tls()) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must match
      config.sslSocketFactory(tlsSockets.get()).sslParameters(parameters);
    }
    return config;
  }

  private record Persistence(boolean on, String text, String note) {}

  private static Persistence persistence(Jedis redis) {
    Map<String, String> appendonly;
    Map<String, String> save;
    try {
      appendonly = redis.configGet("appendonly");
      save = redis.configGet("save");
    } catch (JedisDataException e) {
      return persistenceFromInfo(redis, e.getMessage());
    }
    boolean aof = "yes".equalsIgnoreCase(appendonly.getOrDefault("appendonly", "no"));
    String schedule = save.getOrDefault("save", "").trim();
    boolean rdb = !schedule.isEmpty();
    return new Persistence(
        aof || rdb,
        "AOF " + (aof ? "on" : "off") + ", RDB " + (rdb ? "on (save " + schedule + ")" : "off"),
        null);
  }

  // CONFIG is not available: AOF shows in INFO; an RDB schedule does not, only snapshots taken.
  private static Persistence persistenceFromInfo(Jedis redis, String configError) {
    String info = redis.info("persistence");
    boolean aof = "1".equals(field(info, "aof_enabled"));
    long snapshots = number(field(info, "rdb_saves"));
    String note = "CONFIG GET refused (" + configError + "), read from INFO persistence";
    if (aof) {
      return new Persistence(true, "AOF on", note);
    }
    String byHand = "; whether RDB snapshots are scheduled cannot be read: verify the save setting by hand";
    if (snapshots > 0) {
      return new Persistence(
          true, "AOF off, RDB snapshots taken (" + snapshots + " since start)", note + byHand);
    }
    return new Persistence(false, "AOF off, no RDB snapshot since start", note + byHand);
  }

  private static long number(String value) {
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  private static Evidence failure(
      CheckRun run, RedisCheckProperties properties, String target, JedisException e, String password) {
    String message = SecretSource.redact(String.valueOf(e.getMessage()), password);
    String upper = message.toUpperCase(Locale.ROOT);
    String observed;
    String detail;
    if (e instanceof JedisConnectionException) {
      observed = "no connection";
      Exception cause = socketCause(e);
      detail = cause == null
          ? "connection to " + target + " failed: " + message
          : SecretSource.redact(
              ConnectionFailures.describe(cause, properties.host(), target, "answer", properties.timeout()),
              password);
    } else if (upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD")) {
      observed = "authentication failed";
      detail = "authentication failed: Redis refused the password from the variable named by"
          + " checklist.redis.password-env (" + message + ")";
    } else if (upper.startsWith("NOAUTH")) {
      observed = "authentication required";
      detail = "Redis requires a password and none is configured: set"
          + " checklist.redis.password-env (" + message + ")";
    } else if (upper.contains("AUTH") && upper.contains("NO PASSWORD")
        || upper.contains("WITHOUT ANY PASSWORD CONFIGURED")) {
      observed = "no password on the server";
      detail = "a password is configured, but Redis has none: anyone who reaches it can use it ("
          + message + ")";
    } else {
      observed = "error";
      detail = message;
    }
    return run.failed(observed, detail);
  }

  // What the socket reported, in the order a person would look for it.
  private static Exception socketCause(JedisException e) {
    for (Class<? extends Exception> type : List.of(
        UnknownHostException.class, ConnectException.class, SocketTimeoutException.class,
        SSLException.class)) {
      Exception cause = find(e, type);
      if (cause != null) {
        return cause;
      }
    }
    return null;
  }

  // Jedis wraps the socket's exception, sometimes as a suppressed one (one per address tried).
  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    if (e == null) {
      return null;
    }
    if (type.isInstance(e)) {
      return type.cast(e);
    }
    for (Throwable suppressed : e.getSuppressed()) {
      T found = find(suppressed, type);
      if (found != null) {
        return found;
      }
    }
    return e.getCause() == e ? null : find(e.getCause(), type);
  }
}

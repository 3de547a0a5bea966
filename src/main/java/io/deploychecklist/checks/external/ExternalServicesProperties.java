package io.deploychecklist.checks.external;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The external services of section 4, under {@code checklist.external-services.<name>}. The seed's
 * services are always listed ({@code crm}, {@code platform}, {@code openai}, {@code googleDocs},
 * and {@code notion}, which is optional); a service without a URL is not probed and its evidence
 * is SKIPPED. More services can be added under any name.
 *
 * <p>Bound from the {@code checklist} prefix so that the services sit directly under {@code
 * checklist.external-services}. A service name given in another spelling ({@code google-docs},
 * or {@code googledocs} as environment variables produce it) counts as the seed's name.
 *
 * @param externalServices the services by name, each with {@code url}, {@code method}, {@code
 *     expected-status}, {@code auth-header}, {@code auth-env}, {@code auth-scheme}, {@code
 *     headers}, {@code optional} and {@code timeout} (as in {@link ExternalService}, and in the
 *     checks' reference); listed from the start: {@code crm}, {@code platform}, {@code openai},
 *     {@code googleDocs}, {@code notion}
 */
@ConfigurationProperties("checklist")
public record ExternalServicesProperties(Map<String, ExternalService> externalServices) {

  static final String PREFIX = "checklist.external-services.";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS");
  static final Map<String, ExternalService> SEED_SERVICES = seedServices();
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  public ExternalServicesProperties {
    Map<String, ExternalService> merged = new LinkedHashMap<>(SEED_SERVICES);
    if (externalServices != null) {
      externalServices.forEach(
          (name, service) -> {
            String canonical = canonicalName(name);
            ExternalService seed = SEED_SERVICES.get(canonical);
            ExternalService configured = service == null ? ExternalService.unconfigured(false) : service;
            merged.put(canonical, configured.withDefaults(seed, PREFIX + canonical));
          });
    }
    merged.replaceAll((name, service) -> service.withDefaults(null, PREFIX + name));
    externalServices = Collections.unmodifiableMap(merged);
  }

  /** The seed's services, none configured. */
  public static ExternalServicesProperties defaults() {
    return new ExternalServicesProperties(null);
  }

  /**
   * One external service.
   *
   * @param url what to request (empty: not configured, SKIPPED)
   * @param method {@code GET} (default), {@code HEAD} or {@code OPTIONS}
   * @param expectedStatus the status that proves the service reachable and the credentials
   *     accepted (default 200)
   * @param authHeader the request header that carries the credentials (default {@code
   *     Authorization} when {@code authEnv} is set)
   * @param authEnv the environment variable holding the credentials (empty: none sent)
   * @param authScheme put before the credentials with a space, e.g. {@code Bearer} (empty: the
   *     variable holds the whole header value)
   * @param headers further request headers that are not secret (e.g. {@code Notion-Version})
   * @param optional a service that not every release uses (Notion): not configured, it does not
   *     hold back the overall result; configured, it counts like the others
   * @param timeout bound on the whole exchange (default 10 s)
   */
  public record ExternalService(
      String url,
      String method,
      Integer expectedStatus,
      String authHeader,
      String authEnv,
      String authScheme,
      Map<String, String> headers,
      Boolean optional,
      Duration timeout) {

    static ExternalService unconfigured(boolean optional) {
      return new ExternalService(null, null, null, null, null, null, null, optional, null);
    }

    public boolean configured() {
      return url != null && !url.isBlank();
    }

    public boolean isOptional() {
      return Boolean.TRUE.equals(optional);
    }

    /** Fills what is unset from {@code seed} and the defaults; refuses what cannot work. */
    ExternalService withDefaults(ExternalService seed, String key) {
      String u = ChecksSettings.trimToNull(url);
      if (u != null && HttpUrl.parse(u) == null) {
        throw new IllegalArgumentException(key + ".url is not an http(s) URL");
      }
      String m = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException(
            key + ".method must be one of " + METHODS + " (a probe sends no body), was " + m);
      }
      int status = expectedStatus == null ? 200 : expectedStatus;
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException(key + ".expected-status must be 100-599, was " + status);
      }
      String env = ChecksSettings.trimToNull(authEnv);
      String header = ChecksSettings.trimToNull(authHeader);
      if (header != null && env == null) {
        throw new IllegalArgumentException(
            key + ".auth-header is set but " + key + ".auth-env is not: name the environment"
                + " variable that holds the credentials");
      }
      if (env != null && header == null) {
        header = "Authorization";
      }
      Map<String, String> extra = headers == null ? Map.of() : Map.copyOf(headers);
      for (String name : extra.keySet()) {
        if (header != null && name.equalsIgnoreCase(header)) {
          throw new IllegalArgumentException(
              key + ".headers must not set " + name + ": credentials come from " + key + ".auth-env");
        }
      }
      Boolean opt = optional != null ? optional : seed != null ? seed.optional() : Boolean.FALSE;
      Duration t = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, key + ".timeout");
      return new ExternalService(
          u, m, status, header, env, ChecksSettings.trimToNull(authScheme), extra, opt, t);
    }
  }

  /**
   * The seed's spelling of {@code name} when it is one of the seed's services in another spelling;
   * otherwise {@code name} itself.
   *
   * @throws IllegalArgumentException for a name that cannot be part of a variable name
   */
  static String canonicalName(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (!NAME.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "external service name '" + name + "' under " + PREFIX
              + "* must start with a letter and hold only letters, digits, '-' and '_'");
    }
    String folded = fold(trimmed);
    for (String seed : SEED_SERVICES.keySet()) {
      if (fold(seed).equals(folded)) {
        return seed;
      }
    }
    return trimmed;
  }

  private static String fold(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static Map<String, ExternalService> seedServices() {
    Map<String, ExternalService> seed = new LinkedHashMap<>();
    seed.put("crm", ExternalService.unconfigured(false));
    seed.put("platform", ExternalService.unconfigured(false));
    seed.put("openai", ExternalService.unconfigured(false));
    seed.put("googleDocs", ExternalService.unconfigured(false));
    seed.put("notion", ExternalService.unconfigured(true));
    return Collections.unmodifiableMap(seed);
  }
}

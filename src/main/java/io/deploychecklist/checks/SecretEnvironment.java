package io.deploychecklist.checks;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where secrets come from: environment variables whose <em>names</em> are configured. A secret is
 * never read from a configuration file, and never written to evidence, variables or logs.
 */
@FunctionalInterface
public interface SecretEnvironment {

  /** The value of the environment variable {@code name}; empty when unset or blank. */
  Optional<String> get(String name);

  /** The process environment. */
  static SecretEnvironment system() {
    return of(System::getenv);
  }

  /** A fixed set of variables; for tests. */
  static SecretEnvironment of(Map<String, String> variables) {
    return of(variables::get);
  }

  private static SecretEnvironment of(Function<String, String> lookup) {
    return name -> {
      if (name == null || name.isBlank()) {
        return Optional.empty();
      }
      String value = lookup.apply(name.trim());
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    };
  }
}

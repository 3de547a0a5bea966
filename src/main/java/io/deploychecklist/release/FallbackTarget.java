package io.deploychecklist.release;

import java.util.Optional;

/**
 * A target the application offers by itself for a release that names none and has no configured
 * default (the demo profile's demo target). Provided by its feature, so this package knows none.
 */
public interface FallbackTarget {

  /** The target's base URL; empty until it can be reached. */
  Optional<String> baseUrl();
}

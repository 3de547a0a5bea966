package io.deploychecklist.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The demo target's current behaviour; switched at run time so both process paths can be walked. */
@Component
@Profile("default")
class DemoTargetMode {

  enum Mode {
    HEALTHY,
    UNHEALTHY,
    SLOW;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Mode> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      return Arrays.stream(values()).filter(m -> m.label().equalsIgnoreCase(value.trim())).findFirst();
    }

    static String choices() {
      return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining("|"));
    }
  }

  private final AtomicReference<Mode> current;

  DemoTargetMode(DemoTargetProperties properties) {
    this.current = new AtomicReference<>(properties.mode());
  }

  Mode get() {
    return current.get();
  }

  void set(Mode mode) {
    current.set(mode);
  }
}

package io.deploychecklist.targets;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a release's {@code targetBaseUrl} may point, under {@code checklist.targets}.
 *
 * @param allowedHosts host names (exact, case-insensitive; {@code *.example.com} for its
 *     subdomains), IP addresses and CIDR ranges that may be targets although they are not public;
 *     empty: public addresses only
 */
@ConfigurationProperties("checklist.targets")
public record TargetProperties(@DefaultValue List<String> allowedHosts) {

  public TargetProperties {
    // Blank entries come from an empty environment variable: they allow nothing.
    allowedHosts = allowedHosts == null ? List.of()
        : allowedHosts.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    // A mistyped entry stops the start-up instead of silently allowing nothing.
    AllowList.parse(allowedHosts);
  }
}

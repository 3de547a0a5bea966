package io.deploychecklist.demo;

import io.deploychecklist.identity.ChecklistGroup;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * Who may use the demo target's guarded endpoints, with HTTP Basic credentials checked by the
 * engine's identity service as the REST API checks them (so a wrong password delays that user's next
 * login here too). A webapp session does not count: the mode switch is a plain PUT without Camunda's
 * CSRF token, so a session cookie alone must not be enough.
 */
final class DemoTargetAccess {

  enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  /** The mode decides what every release's checks find. */
  static final Set<String> SWITCH_MODE = Set.of(ChecklistGroup.DEPLOYMENT_MANAGERS.id, Groups.CAMUNDA_ADMIN);
  /** As the application's own metrics (security.ActuatorAccessFilter). */
  static final Set<String> READ_METRICS = Set.of(ChecklistGroup.OPERATORS.id, Groups.CAMUNDA_ADMIN);

  private final IdentityService identity;
  private final Set<String> groups;

  DemoTargetAccess(IdentityService identity, Set<String> groups) {
    this.identity = identity;
    this.groups = Set.copyOf(groups);
  }

  /** @param authorization the request's {@code Authorization} header, or null */
  Verdict of(String authorization) {
    String[] credentials = basicCredentials(authorization);
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      return Verdict.UNAUTHENTICATED;
    }
    boolean member = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
        .anyMatch(group -> groups.contains(group.getId()));
    return member ? Verdict.ALLOWED : Verdict.FORBIDDEN;
  }

  /** {user, password} from {@code Basic base64(user:password)}, or null when it is not that. */
  private static String[] basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}

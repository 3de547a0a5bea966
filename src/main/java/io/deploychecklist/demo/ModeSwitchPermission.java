package io.deploychecklist.demo;

import io.deploychecklist.identity.ChecklistGroup;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * Who may switch the demo target: a deployment manager or an administrator, with HTTP Basic
 * credentials checked by the engine's identity service as the REST API checks them (so a wrong
 * password delays that user's next login here too). A webapp session does not count: the switch
 * is a plain PUT without Camunda's CSRF token, so a session cookie alone must not be enough.
 */
final class ModeSwitchPermission {

  enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  private static final Set<String> MAY_SWITCH = Set.of(ChecklistGroup.DEPLOYMENT_MANAGERS.id, Groups.CAMUNDA_ADMIN);

  private final IdentityService identity;

  ModeSwitchPermission(IdentityService identity) {
    this.identity = identity;
  }

  /** @param authorization the request's {@code Authorization} header, or null */
  Verdict of(String authorization) {
    String[] credentials = basicCredentials(authorization);
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      return Verdict.UNAUTHENTICATED;
    }
    boolean member = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
        .anyMatch(group -> MAY_SWITCH.contains(group.getId()));
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

package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.targets.TargetGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Dns;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

/** A host name in targetBaseUrl is looked up when the release starts, without a DNS server. */
class TargetAtStartTest {

  private static final Map<String, String> ZONE = Map.of(
      "build.internal", "10.0.0.5",
      "metadata.test", "169.254.169.254",
      "listed.internal", "10.0.0.6",
      "service.example.com", "93.184.216.34");

  // Like DNS: case-insensitive, a trailing dot (the root) changes nothing.
  private final TargetGuard targets = new TargetGuard(List.of("localhost", "127.0.0.1", "listed.internal"), host -> {
    String address = ZONE.get(host.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
    if (address == null) {
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByName(address));
  });

  @Test
  void aNameThatResolvesToAnAddressThatIsNotAllowedIsRefusedByField() {
    assertThatThrownBy(() -> ReleaseInput.checkTargetBaseUrl("http://build.internal:8080/app", targets))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("Cannot start the release: \"Target base URL\" (targetBaseUrl) host build.internal is not an"
            + " allowed target (it resolves to 10.0.0.5, a private address); allowed:"
            + " checklist.targets.allowed-hosts=localhost,127.0.0.1,listed.internal (and public addresses)")
        .satisfies(e -> assertThat((Object) ((FormFieldValidationException) e).getDetail()).isEqualTo("targetBaseUrl"));
    assertThatThrownBy(() -> ReleaseInput.checkTargetBaseUrl("https://METADATA.test./latest", targets))
        .hasMessageContaining("host metadata.test is not an allowed target (it resolves to 169.254.169.254, a"
            + " link-local address)");
  }

  @Test
  void aListedNameAPublicNameAndANameThatDoesNotResolveYetMayStart() {
    assertThatCode(() -> ReleaseInput.checkTargetBaseUrl("http://listed.internal/app", targets)).doesNotThrowAnyException();
    assertThatCode(() -> ReleaseInput.checkTargetBaseUrl("https://service.example.com", targets)).doesNotThrowAnyException();
    // Checked again, after resolving, by every check that connects to it.
    assertThatCode(() -> ReleaseInput.checkTargetBaseUrl("https://new-service.example.com", targets)).doesNotThrowAnyException();
  }

  @Test
  void theSystemResolverJudgesAddressesWithoutALookup() {
    TargetGuard system = new TargetGuard(List.of("localhost", "127.0.0.1"), Dns.SYSTEM);

    assertThatThrownBy(() -> ReleaseInput.checkTargetBaseUrl("http://127.0.0.2:8080", system))
        .hasMessageContaining("(targetBaseUrl) host 127.0.0.2 is not an allowed target (loopback address)");
    assertThatCode(() -> ReleaseInput.checkTargetBaseUrl("http://localhost:8080/demo-target", system))
        .doesNotThrowAnyException();
  }
}

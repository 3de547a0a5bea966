package io.deploychecklist.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DnsCheckTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void localhostResolvesWithTheSystemResolver() {
    DnsCheck check = new DnsCheck(DnsCheck.SYSTEM, TIMEOUT);

    Evidence evidence = check.check("dns", "http://localhost:8080/app");

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("localhost");
    assertThat(evidence.observed()).startsWith("resolves to ").containsAnyOf("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
    assertThat(evidence.threshold()).isEqualTo("resolves to at least one address within 5000 ms");
  }

  @Test
  void everyResolvedAddressIsListed() throws UnknownHostException {
    InetAddress first = InetAddress.getByAddress("api.example.com", new byte[] {10, 0, 0, 1});
    InetAddress second = InetAddress.getByAddress("api.example.com", new byte[] {10, 0, 0, 2});
    DnsCheck check = new DnsCheck(host -> List.of(first, second), TIMEOUT);

    Evidence evidence = check.check("dns", "https://api.example.com");

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("api.example.com");
    assertThat(evidence.observed()).isEqualTo("resolves to 10.0.0.1, 10.0.0.2");
    assertThat(evidence.detail()).startsWith("api.example.com resolves to 2 addresses in ");
  }

  @Test
  void anUnresolvableNameFails() {
    DnsCheck check =
        new DnsCheck(
            host -> {
              throw new UnknownHostException(host);
            },
            TIMEOUT);

    Evidence evidence = check.check("dns", "https://release.example.invalid/api");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no address");
    assertThat(evidence.detail()).isEqualTo("release.example.invalid does not resolve");
  }

  @Test
  void noAddressesFail() {
    DnsCheck check = new DnsCheck(host -> List.of(), TIMEOUT);

    Evidence evidence = check.check("dns", "https://api.example.com");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo("api.example.com resolves to no address");
  }

  @Test
  void aLookupThatHangsFailsAfterTheTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    DnsCheck check =
        new DnsCheck(
            host -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return List.of();
            },
            Duration.ofMillis(200));
    try {
      Evidence evidence = check.check("dns", "https://api.example.com");

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("no answer");
      assertThat(evidence.detail()).isEqualTo("the lookup of api.example.com took longer than 200 ms");
      assertThat(evidence.durationMs()).isLessThan(5000);
    } finally {
      never.countDown();
    }
  }

  @Test
  void withoutTargetTheCheckIsSkipped() {
    DnsCheck check = new DnsCheck(DnsCheck.SYSTEM, TIMEOUT);

    for (String url : new String[] {null, "", "  "}) {
      Evidence evidence = check.check("dns", url);

      assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(evidence.detail()).isEqualTo(DnsCheck.NO_TARGET);
    }
  }

  @Test
  void anIpAddressHasNoNameToResolve() {
    DnsCheck check =
        new DnsCheck(
            host -> {
              throw new AssertionError("no lookup expected for " + host);
            },
            TIMEOUT);

    assertThat(check.check("dns", "http://10.1.2.3:8080").status()).isEqualTo(CheckStatus.SKIPPED);
    Evidence ipv6 = check.check("dns", "http://[::1]:8080");
    assertThat(ipv6.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(ipv6.detail()).contains("IP address").contains("verify by hand");
  }

  @Test
  void anInvalidUrlFails() {
    DnsCheck check = new DnsCheck(DnsCheck.SYSTEM, TIMEOUT);

    Evidence evidence = check.check("dns", "not a url");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo("the target base URL is not a valid http(s) URL");
  }
}

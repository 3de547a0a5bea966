package io.deploychecklist.checks.dns;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.TargetUrls;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;

/**
 * Checks that the host of the release's target resolves (section 1, "DNS records created"). Plain
 * Java: the resolver is replaceable, so tests need no network.
 *
 * <p>PASS with the resolved addresses; FAIL when the name does not resolve or the lookup takes
 * longer than the timeout; SKIPPED when there is no target or the target is an IP address.
 */
public class DnsCheck {

  /** Looks up a host name. */
  @FunctionalInterface
  public interface Resolver {
    /** @return the addresses; empty or an {@link UnknownHostException} when there are none */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The operating system's resolver, as the application itself would resolve the target. */
  public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  static final String NO_TARGET =
      "no target URL: verify by hand that the service's DNS name resolves to the right addresses";

  private final Resolver resolver;
  private final Duration timeout;
  // A lookup that hangs must not hold the job: it runs on a daemon thread and is abandoned.
  private final Executor lookups =
      task -> {
        Thread thread = new Thread(task, "dns-check");
        thread.setDaemon(true);
        thread.start();
      };

  public DnsCheck(Resolver resolver, Duration timeout) {
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** Resolves the host of {@code targetBaseUrl}. */
  public Evidence check(String checkName, String targetBaseUrl) {
    if (targetBaseUrl == null || targetBaseUrl.isBlank()) {
      return Evidence.skipped(checkName, null, NO_TARGET);
    }
    String threshold = "resolves to at least one address within " + timeout.toMillis() + " ms";
    HttpUrl url = TargetUrls.parse(targetBaseUrl);
    if (url == null) {
      return Evidence.failed(
          checkName, null, "invalid URL", threshold,
          "the target base URL is not a valid http(s) URL", 0);
    }
    String host = url.host();
    if (TargetUrls.isIpLiteral(host)) {
      return Evidence.skipped(
          checkName, host,
          "the target is an IP address, there is no name to resolve: verify by hand that the"
              + " service's DNS records exist and point to " + host);
    }
    CheckRun run = CheckRun.start(checkName, host, threshold);
    CompletableFuture<List<InetAddress>> lookup =
        CompletableFuture.supplyAsync(() -> resolveOrThrow(host), lookups);
    List<InetAddress> addresses;
    try {
      addresses = lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      return run.failed(
          "no answer", "the lookup of " + host + " took longer than " + timeout.toMillis() + " ms");
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e.getCause() instanceof LookupFailed failed ? failed.getCause() : e.getCause();
      String detail =
          cause instanceof UnknownHostException
              ? host + " does not resolve"
              : "the lookup of " + host + " failed: " + cause;
      return run.failed("no address", detail);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resolving " + host, e);
    }
    long elapsedMs = run.stop();
    if (addresses == null || addresses.isEmpty()) {
      return run.failed("no address", host + " resolves to no address");
    }
    List<String> ips = addresses.stream().map(InetAddress::getHostAddress).distinct().toList();
    return run.passed(
        "resolves to " + String.join(", ", ips),
        host + " resolves to " + ips.size() + (ips.size() == 1 ? " address" : " addresses")
            + " in " + elapsedMs + " ms");
  }

  private List<InetAddress> resolveOrThrow(String host) {
    try {
      return resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new LookupFailed(e);
    }
  }

  private static final class LookupFailed extends RuntimeException {
    LookupFailed(UnknownHostException cause) {
      super(cause);
    }
  }
}

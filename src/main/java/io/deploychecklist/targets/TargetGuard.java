package io.deploychecklist.targets;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Keeps the checks away from hosts a release may not send them to (server-side request forgery):
 * whoever starts a release chooses its {@code targetBaseUrl}, and the checks then connect to it from
 * inside the network. A host is allowed when {@code checklist.targets.allowed-hosts} lists its name,
 * or when every address it resolves to is listed or public.
 *
 * <p>As an OkHttp {@link Dns} it resolves and judges the addresses in one step, right before the
 * connection, so a name that resolves to a private address when a check runs (DNS rebinding) is
 * never connected to. Only for the release's target: hosts the operator configured (monitoring,
 * webhooks, database, ...) are trusted configuration and use clients without it.
 */
public final class TargetGuard implements Dns {

  private final AllowList allowList;
  private final Dns resolver;

  /**
   * @param allowedHosts entries as in {@code checklist.targets.allowed-hosts}
   * @param resolver looks names up ({@link Dns#SYSTEM}; tests give their own)
   */
  public TargetGuard(List<String> allowedHosts, Dns resolver) {
    this.allowList = AllowList.parse(allowedHosts);
    this.resolver = resolver;
  }

  /**
   * Resolves {@code hostname} and returns its addresses when it is an allowed target.
   *
   * @throws TargetRefusedException when it is not, saying why; nothing was connected to
   * @throws UnknownHostException when it does not resolve
   */
  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = resolver.lookup(hostname);
    if (addresses.isEmpty()) {
      throw new UnknownHostException("no address for " + hostname);
    }
    if (allowList.listsName(hostname)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      String reason = allowList.refusal(address);
      if (reason != null) {
        throw new TargetRefusedException(refusal(hostname, address, reason));
      }
    }
    return addresses;
  }

  /**
   * Why {@code host} is not an allowed target, or empty: the check at the start of a release and
   * before a load run. A name that does not resolve (yet) passes here; {@link #lookup} judges it
   * again when a check connects.
   */
  public Optional<String> refusal(String host) {
    if (allowList.listsName(host)) {
      return Optional.empty(); // whatever it resolves to: no lookup needed
    }
    try {
      lookup(host);
      return Optional.empty();
    } catch (TargetRefusedException e) {
      return Optional.of(e.getMessage());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Makes {@code builder} a client that connects to allowed targets only. */
  public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
    return builder
        .dns(this)
        // Straight to the target: through a proxy, OkHttp would look up the proxy, not the target.
        .proxy(Proxy.NO_PROXY)
        // A redirect would lead to a host that the interceptor below never saw.
        .followRedirects(false)
        .followSslRedirects(false)
        // OkHttp connects to an IP address in a URL without asking its Dns: judge those here.
        .addInterceptor(chain -> {
          String host = chain.request().url().host();
          if (AllowList.isIpLiteral(host)) {
            lookup(host);
          }
          return chain.proceed(chain.request());
        });
  }

  private String refusal(String hostname, InetAddress address, String reason) {
    String host = AllowList.normalise(hostname);
    String why = AllowList.isIpLiteral(host) ? reason : "it resolves to " + address.getHostAddress() + ", a " + reason;
    return "host " + host + " is not an allowed target (" + why + "); allowed: " + allowList.describe();
  }
}

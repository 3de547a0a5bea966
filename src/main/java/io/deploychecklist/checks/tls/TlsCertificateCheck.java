package io.deploychecklist.checks.tls;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.TargetUrls;
import io.deploychecklist.targets.TargetRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dns;

/**
 * Checks the TLS certificate a host presents (sections 3 and 14): the handshake succeeds, the chain
 * is trusted, the certificate is issued for the host name, and it stays valid for at least a
 * number of days. The expiry date is the evidence. Plain Java: tests run it against local TLS
 * servers with their own certificates.
 *
 * <p>The handshake accepts any certificate so that every problem is found and reported at once
 * (expired and for the wrong host, say); nothing is sent over the connection.
 */
public class TlsCertificateCheck {

  private final Duration timeout;
  private final Clock clock;

  public TlsCertificateCheck(Duration timeout) {
    this(timeout, Clock.systemUTC());
  }

  TlsCertificateCheck(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * Connects to {@code host:port}, completes a TLS handshake and judges the certificate.
   *
   * @param trust decides whether the chain is trusted (the JVM's or a configured trust store)
   * @param minDaysValid the certificate must stay valid at least this many whole days
   */
  public Evidence check(
      String checkName, String host, int port, X509TrustManager trust, int minDaysValid) {
    return check(checkName, host, port, trust, minDaysValid, Dns.SYSTEM);
  }

  /**
   * The same, resolving {@code host} with {@code dns}: a {@link
   * io.deploychecklist.targets.TargetGuard} for the release's target, so a host that is not an
   * allowed target is never connected to.
   */
  public Evidence check(
      String checkName, String host, int port, X509TrustManager trust, int minDaysValid, Dns dns) {
    String target = host + ":" + port;
    String threshold =
        "trusted chain, issued for " + host + ", valid for at least " + minDaysValid + " days";
    CheckRun run = CheckRun.start(checkName, target, threshold);

    Handshake handshake;
    try {
      handshake = handshake(host, port, dns);
    } catch (IOException | GeneralSecurityException e) {
      String observed =
          e instanceof TargetRefusedException ? "not contacted"
              : e instanceof UnknownHostException || e instanceof ConnectException ? "no connection"
              : "no handshake";
      return run.failed(
          observed, ConnectionFailures.describe(e, host, target, "TLS handshake", timeout));
    }
    run.stop();

    X509Certificate leaf = handshake.chain().get(0);
    Instant now = clock.instant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    long daysLeft = ChronoUnit.DAYS.between(now, notAfter);
    String expiry = "expires " + notAfter;

    List<String> problems = new ArrayList<>();
    if (now.isAfter(notAfter)) {
      problems.add("the certificate expired on " + notAfter);
    } else if (now.isBefore(notBefore)) {
      problems.add("the certificate is not valid before " + notBefore);
    } else if (daysLeft < minDaysValid) {
      problems.add(
          "the certificate expires on " + notAfter + ", in " + daysLeft + " days, within the "
              + minDaysValid + "-day threshold: renew it");
    }
    String untrusted = trustProblem(trust, handshake);
    if (untrusted != null) {
      problems.add(untrusted);
    }
    if (!matchesHost(leaf, host)) {
      problems.add(
          "the certificate is not issued for " + host + " (names: " + String.join(", ", names(leaf))
              + ")");
    }

    String observed =
        now.isAfter(notAfter)
            ? "expired " + notAfter + " (" + (-daysLeft) + " days ago)"
            : expiry + " (" + daysLeft + " days left)";
    String about =
        "subject " + leaf.getSubjectX500Principal().getName() + ", issuer "
            + leaf.getIssuerX500Principal().getName() + ", " + handshake.protocol();
    if (!problems.isEmpty()) {
      return run.failed(observed, String.join("; ", problems) + " (" + about + ")");
    }
    return run.passed(
        observed,
        "trusted, issued for " + host + ", valid for " + daysLeft + " more days (" + about + ")");
  }

  private record Handshake(List<X509Certificate> chain, String authType, String protocol) {}

  private Handshake handshake(String host, int port, Dns dns) throws IOException, GeneralSecurityException {
    Recording recording = new Recording();
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {recording}, null);
    int timeoutMs = ChecksSettings.millis(timeout);
    // Connect to the address the DNS judged, not to the name (which could resolve anew).
    InetSocketAddress address = new InetSocketAddress(dns.lookup(host).get(0), port);
    try (Socket plain = new Socket()) {
      plain.connect(address, timeoutMs);
      plain.setSoTimeout(timeoutMs);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters parameters = socket.getSSLParameters();
        if (!TargetUrls.isIpLiteral(host)) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        if (recording.chain == null || recording.chain.length == 0) {
          throw new SSLException("the server presented no certificate");
        }
        return new Handshake(
            List.of(recording.chain), recording.authType, socket.getSession().getProtocol());
      }
    }
  }

  // The trust manager's verdict on the chain alone; the dates and the host name are judged apart.
  private static String trustProblem(X509TrustManager trust, Handshake handshake) {
    try {
      trust.checkServerTrusted(handshake.chain().toArray(X509Certificate[]::new), handshake.authType());
      return null;
    } catch (CertificateException e) {
      if (causedByValidity(e)) {
        return null; // reported as expired or not yet valid
      }
      return "the certificate chain is not trusted: " + rootMessage(e);
    } catch (RuntimeException e) {
      return "the certificate chain is not trusted: " + rootMessage(e);
    }
  }

  private static boolean causedByValidity(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /**
   * Whether the certificate names {@code host} (RFC 6125): DNS names case-insensitively, a wildcard
   * only as the whole left-most label and matching exactly one label; IP addresses against IP
   * entries. The subject's common name is not consulted, as browsers no longer do.
   */
  static boolean matchesHost(X509Certificate certificate, String host) {
    Collection<List<?>> alternativeNames;
    try {
      alternativeNames = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (alternativeNames == null) {
      return false;
    }
    boolean ip = TargetUrls.isIpLiteral(host);
    String wanted = ip ? host : normaliseDns(host);
    for (List<?> entry : alternativeNames) {
      int type = (Integer) entry.get(0);
      String value = String.valueOf(entry.get(1));
      if (ip && type == 7 && sameAddress(wanted, value)) {
        return true;
      }
      if (!ip && type == 2 && dnsMatches(wanted, normaliseDns(value))) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatches(String host, String pattern) {
    if (!pattern.startsWith("*.")) {
      return host.equals(pattern);
    }
    String suffix = pattern.substring(1); // ".example.com"
    if (suffix.indexOf('.', 1) < 0) {
      return false; // "*.com" matches nothing
    }
    if (!host.endsWith(suffix)) {
      return false;
    }
    String label = host.substring(0, host.length() - suffix.length());
    return !label.isEmpty() && !label.contains(".");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // Both are literals: no lookup happens.
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String normaliseDns(String name) {
    String result = name.trim().toLowerCase(Locale.ROOT);
    if (result.endsWith(".")) {
      result = result.substring(0, result.length() - 1);
    }
    try {
      return IDN.toASCII(result, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return result;
    }
  }

  private static List<String> names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
      if (alternativeNames != null) {
        for (List<?> entry : alternativeNames) {
          int type = (Integer) entry.get(0);
          if (type == 2 || type == 7) {
            names.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // fall through: reported as "no names"
    }
    if (names.isEmpty()) {
      names.add("none; subject " + certificate.getSubjectX500Principal().getName());
    }
    return names;
  }

  // Accepts every chain during the handshake and keeps it for the judgement afterwards.
  private static final class Recording extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;
    private volatile String authType;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      this.chain = chain.clone();
      this.authType = authType;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

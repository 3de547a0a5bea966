package io.deploychecklist.checks.httpsecurity;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.TargetUrls;
import io.deploychecklist.targets.TargetGuard;
import io.deploychecklist.targets.TargetRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP security of the release's target (sections 3 and 14), as five pieces of evidence:
 * <ul>
 *   <li>security headers of its page: {@code Content-Security-Policy}, {@code
 *       X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY|SAMEORIGIN} and, over https,
 *       {@code Strict-Transport-Security} with a long enough max-age; each missing one is named;
 *   <li>CORS: the page's answer and a preflight for a foreign origin allow neither it nor {@code *};
 *   <li>plain HTTP on the target's host redirects to an https URL (https targets);
 *   <li>TLS 1.0 and 1.1 refused, TLS 1.2 or 1.3 accepted (https targets; see {@link TlsVersionProbe});
 *   <li>the configured protected paths answer 401 to a request without credentials.
 * </ul>
 * Only safe requests are sent (GET, a CORS preflight), never credentials. The certificate is not
 * judged here (that is the TLS certificate check's evidence): these connections accept any, so the
 * evidence of each aspect is about that aspect alone. Plain Java: tested against a real nginx.
 */
public class HttpSecurityCheck {

  /** The names of the five pieces of evidence, in the order they are recorded. */
  public record CheckNames(String headers, String cors, String httpsRedirect, String tlsProtocols,
      String protectedPaths) {

    public static final String HEADERS = "securityHeaders";
    public static final String CORS = "cors";
    public static final String HTTPS_REDIRECT = "httpsRedirect";
    public static final String TLS_PROTOCOLS = "tlsProtocols";
    public static final String PROTECTED_PATHS = "protectedPaths";

    /** The names with {@code prefix} in camel case ({@code deployed} gives {@code deployedCors}); none without. */
    public static CheckNames prefixed(String prefix) {
      return new CheckNames(BpmnInputs.prefixed(prefix, HEADERS), BpmnInputs.prefixed(prefix, CORS),
          BpmnInputs.prefixed(prefix, HTTPS_REDIRECT), BpmnInputs.prefixed(prefix, TLS_PROTOCOLS),
          BpmnInputs.prefixed(prefix, PROTECTED_PATHS));
    }

    public List<String> all() {
      return List.of(headers, cors, httpsRedirect, tlsProtocols, protectedPaths);
    }
  }

  static final String HSTS = "Strict-Transport-Security";
  static final String CSP = "Content-Security-Policy";
  static final String CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only";
  static final String XCTO = "X-Content-Type-Options";
  static final String XFO = "X-Frame-Options";
  static final String ACAO = "Access-Control-Allow-Origin";
  static final String ACAC = "Access-Control-Allow-Credentials";

  static final String BY_HAND_HEADERS = "verify by hand that the target sends " + HSTS + ", " + CSP + ", "
      + XCTO + ": nosniff and " + XFO;
  static final String BY_HAND_CORS = "verify by hand that CORS refuses a foreign origin";
  static final String BY_HAND_REDIRECT = "verify by hand that plain HTTP redirects to HTTPS";
  static final String BY_HAND_TLS = "verify by hand that TLS 1.0 and 1.1 are refused and TLS 1.2 or newer accepted";
  static final String BY_HAND_PROTECTED = "verify by hand that protected paths answer 401 without credentials";
  static final String NOT_ENABLED = "not configured (" + HttpSecurityProperties.KEY + ".enabled is false): ";
  static final String NO_TARGET = "no target URL: ";
  static final String PLAIN_HTTP_TARGET = "the target is plain http, so there is no HTTPS here to judge: ";
  static final String NO_PROTECTED_PATHS =
      "no protected paths configured (" + HttpSecurityProperties.KEY + ".protected-paths): ";

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|;)\\s*max-age\\s*=\\s*\"?(\\d+)\"?\\s*(?:;|$)");
  private static final int SHOWN_VALUE = 120;

  private final Duration timeout;
  private final Dns dns;
  private final OkHttpClient client;

  /** Checks any host: for tests. The application's check goes through {@link TargetGuard}. */
  public HttpSecurityCheck(Duration timeout) {
    this(timeout, Dns.SYSTEM, HttpCalls.oneAttempt());
  }

  /** Checks only hosts that are allowed targets ({@code checklist.targets.allowed-hosts}). */
  public HttpSecurityCheck(Duration timeout, TargetGuard targets) {
    this(timeout, targets, targets.applyTo(HttpCalls.oneAttempt()));
  }

  private HttpSecurityCheck(Duration timeout, Dns dns, OkHttpClient.Builder builder) {
    this.timeout = timeout;
    this.dns = dns;
    SSLContext context = anyCertificateContext();
    this.client = builder
        .dns(dns)
        .sslSocketFactory(context.getSocketFactory(), AnyCertificate.INSTANCE)
        .hostnameVerifier((host, session) -> true)
        .callTimeout(timeout)
        .build();
  }

  /** The five pieces of evidence for the target at {@code baseUrl}, in the order of {@link CheckNames#all}. */
  public List<Evidence> check(CheckNames names, String baseUrl, HttpSecurityProperties properties) {
    String safeBase = SafeUrls.safe(baseUrl);
    if (!properties.enabled()) {
      return skippedAll(names, safeBase, NOT_ENABLED);
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      return skippedAll(names, null, NO_TARGET);
    }
    HttpUrl base = TargetUrls.parse(baseUrl);
    if (base == null) {
      return names.all().stream()
          .map(name -> Evidence.failed(name, safeBase, "invalid URL", null, "not a valid http(s) URL", 0))
          .toList();
    }
    HttpUrl page = HttpUrl.parse(TargetUrls.resolve(base.toString(), properties.path()));

    List<Evidence> evidence = new ArrayList<>();
    CheckRun headersRun = CheckRun.start(names.headers(), SafeUrls.safe(page), headersThreshold(page, properties));
    CheckRun corsRun = CheckRun.start(names.cors(), SafeUrls.safe(page), corsThreshold(properties));
    Answer answer = get(page, properties.foreignOrigin());
    evidence.add(headers(headersRun, page, answer, properties));
    evidence.add(cors(corsRun, page, answer, properties.foreignOrigin()));
    evidence.add(httpsRedirect(names.httpsRedirect(), page, properties));
    evidence.add(tlsProtocols(names.tlsProtocols(), base));
    evidence.add(protectedPaths(names.protectedPaths(), base, properties.protectedPaths()));
    return evidence;
  }

  private static List<Evidence> skippedAll(CheckNames names, String target, String why) {
    return List.of(
        Evidence.skipped(names.headers(), target, why + BY_HAND_HEADERS),
        Evidence.skipped(names.cors(), target, why + BY_HAND_CORS),
        Evidence.skipped(names.httpsRedirect(), target, why + BY_HAND_REDIRECT),
        Evidence.skipped(names.tlsProtocols(), target, why + BY_HAND_TLS),
        Evidence.skipped(names.protectedPaths(), target, why + BY_HAND_PROTECTED));
  }

  // ---- the page's security headers

  private static String headersThreshold(HttpUrl page, HttpSecurityProperties properties) {
    String common = CSP + ", " + XCTO + ": nosniff, " + XFO + ": DENY or SAMEORIGIN";
    return page.isHttps()
        ? HSTS + " max-age of at least " + properties.hstsMinMaxAge().toSeconds() + " s, " + common
        : common + " (" + HSTS + " only over https)";
  }

  private Evidence headers(CheckRun run, HttpUrl page, Answer answer, HttpSecurityProperties properties) {
    if (answer.failure() != null) {
      return noAnswer(run, page, answer.failure());
    }
    Response response = answer.response();
    List<String> problems = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    if (page.isHttps()) {
      String hsts = response.header(HSTS);
      long minimum = properties.hstsMinMaxAge().toSeconds();
      if (hsts == null || hsts.isBlank()) {
        problems.add(HSTS + " missing");
        seen.add(HSTS + " missing");
      } else {
        Matcher maxAge = MAX_AGE.matcher(hsts);
        if (!maxAge.find()) {
          problems.add(HSTS + " has no max-age ('" + shown(hsts) + "')");
          seen.add(HSTS + " without max-age");
        } else {
          long seconds = Long.parseLong(maxAge.group(1));
          seen.add(HSTS + " max-age=" + seconds);
          if (seconds < minimum) {
            problems.add(HSTS + " max-age=" + seconds + " is below the minimum of " + minimum + " s ("
                + properties.hstsMinMaxAge().toDays() + " days)");
          }
        }
      }
    }
    String csp = response.header(CSP);
    if (csp == null || csp.isBlank()) {
      problems.add(CSP + " missing" + (response.header(CSP_REPORT_ONLY) == null ? ""
          : " (only " + CSP_REPORT_ONLY + ", which enforces nothing)"));
      seen.add(CSP + " missing");
    } else {
      seen.add(CSP + " '" + shown(csp) + "'");
    }
    String xcto = response.header(XCTO);
    if (xcto == null || xcto.isBlank()) {
      problems.add(XCTO + " missing");
      seen.add(XCTO + " missing");
    } else {
      seen.add(XCTO + " " + xcto.trim());
      if (!xcto.trim().equalsIgnoreCase("nosniff")) {
        problems.add(XCTO + " is '" + shown(xcto) + "', not nosniff");
      }
    }
    String xfo = response.header(XFO);
    if (xfo == null || xfo.isBlank()) {
      problems.add(XFO + " missing");
      seen.add(XFO + " missing");
    } else {
      String value = xfo.trim().toUpperCase(Locale.ROOT);
      seen.add(XFO + " " + xfo.trim());
      if (!value.equals("DENY") && !value.equals("SAMEORIGIN")) {
        problems.add(XFO + " is '" + shown(xfo) + "', not DENY or SAMEORIGIN");
      }
    }
    String observed = "HTTP " + response.code() + ": " + String.join(", ", seen);
    if (!problems.isEmpty()) {
      return run.failed(observed, "missing or wrong: " + String.join("; ", problems));
    }
    return run.passed(observed, page.isHttps()
        ? "all four security headers are sent"
        : CSP + ", " + XCTO + " and " + XFO + " are sent; " + HSTS
            + " was not judged: the target is plain http, where browsers ignore it");
  }

  // ---- CORS

  private static String corsThreshold(HttpSecurityProperties properties) {
    return "neither " + properties.foreignOrigin() + " nor * in " + ACAO + ", on a GET and on a preflight";
  }

  private Evidence cors(CheckRun run, HttpUrl page, Answer get, String origin) {
    if (get.failure() != null) {
      return noAnswer(run, page, get.failure());
    }
    Answer preflight = call(new Request.Builder().url(page)
        .method("OPTIONS", null)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization")
        .build());
    if (preflight.failure() != null) {
      run.stop();
      return run.failed("GET: " + allowance(get.response(), origin).text + "; preflight: no answer",
          "the preflight (OPTIONS) got no answer: "
              + ConnectionFailures.describe(preflight.failure(), page.host(), page.port(), timeout));
    }
    Allowance onGet = allowance(get.response(), origin);
    Allowance onPreflight = allowance(preflight.response(), origin);
    String observed = "GET: " + onGet.text + "; preflight (OPTIONS, HTTP " + preflight.response().code() + "): "
        + onPreflight.text;
    List<String> problems = new ArrayList<>();
    if (onGet.allows) {
      problems.add("the GET's answer lets " + origin + " read it (" + onGet.text + ")");
    }
    if (onPreflight.allows) {
      problems.add("the preflight allows " + origin + " to send a PUT with an Authorization header ("
          + onPreflight.text + ")");
    }
    if (!problems.isEmpty()) {
      return run.failed(observed, "CORS does not refuse the foreign origin: " + String.join("; ", problems));
    }
    return run.passed(observed, "CORS refuses the foreign origin " + origin);
  }

  private record Allowance(boolean allows, String text) {}

  private static Allowance allowance(Response response, String origin) {
    String allowed = response.header(ACAO);
    boolean credentials = "true".equalsIgnoreCase(String.valueOf(response.header(ACAC)).trim());
    if (allowed == null || allowed.isBlank()) {
      return new Allowance(false, "no " + ACAO);
    }
    String value = allowed.trim();
    String text = ACAO + ": " + shown(value) + (credentials ? ", " + ACAC + ": true" : "");
    return new Allowance(value.equals("*") || value.equalsIgnoreCase(origin), text);
  }

  // ---- plain HTTP to HTTPS

  private Evidence httpsRedirect(String name, HttpUrl page, HttpSecurityProperties properties) {
    if (!page.isHttps()) {
      return Evidence.skipped(name, SafeUrls.safe(page), PLAIN_HTTP_TARGET + BY_HAND_REDIRECT
          + " at the production address");
    }
    HttpUrl plain = page.newBuilder().scheme("http").port(properties.httpPort()).build();
    CheckRun run = CheckRun.start(name, SafeUrls.safe(plain),
        "plain HTTP on port " + properties.httpPort() + " redirects (3xx) to an https URL");
    Answer answer = call(new Request.Builder().url(plain).get().build());
    if (answer.failure() != null) {
      IOException e = answer.failure();
      String why = ConnectionFailures.describe(e, plain.host(), plain.port(), timeout);
      return run.failed(observedFailure(e), e instanceof ConnectException
          ? why + ": plain HTTP gets no redirect to HTTPS (" + HttpSecurityProperties.KEY
              + ".http-port names the port that serves plain HTTP)"
          : why);
    }
    Response response = answer.response();
    int code = response.code();
    String location = response.header("Location");
    if (!REDIRECTS.contains(code)) {
      return run.failed("HTTP " + code, "plain HTTP answered HTTP " + code + " itself instead of redirecting to HTTPS");
    }
    if (location == null || location.isBlank()) {
      return run.failed("HTTP " + code + " without Location", "a redirect without a Location header leads nowhere");
    }
    HttpUrl to = plain.resolve(location.trim());
    String where = to == null ? location.trim() : SafeUrls.safe(to);
    String observed = "HTTP " + code + " to " + shown(where);
    if (to == null || !to.isHttps()) {
      return run.failed(observed, "plain HTTP redirects to " + shown(where) + ", which is not https");
    }
    return run.passed(observed, code == 301 || code == 308
        ? "plain HTTP redirects permanently to HTTPS"
        : "plain HTTP redirects to HTTPS, temporarily (HTTP " + code
            + "): a permanent 301 or 308 lets browsers remember it");
  }

  // ---- TLS versions

  private Evidence tlsProtocols(String name, HttpUrl base) {
    if (!base.isHttps()) {
      return Evidence.skipped(name, base.host() + ":" + base.port(), PLAIN_HTTP_TARGET + BY_HAND_TLS
          + " at the production address");
    }
    String host = base.host();
    int port = base.port();
    String endpoint = host + ":" + port;
    CheckRun run = CheckRun.start(name, endpoint, "TLS 1.0 and 1.1 refused, TLS 1.2 or 1.3 accepted");
    int timeoutMs = ChecksSettings.millis(timeout);
    String serverName = TargetUrls.isIpLiteral(host) ? null : host;
    List<String> seen = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      InetSocketAddress address = reachable(host, port, timeoutMs);
      for (int version : new int[] {TlsVersionProbe.TLS_1_0, TlsVersionProbe.TLS_1_1}) {
        String label = TlsVersionProbe.name(version);
        TlsVersionProbe.Answer answer = TlsVersionProbe.offer(address, serverName, version, timeoutMs);
        seen.add(label + (answer.accepted() ? " accepted (" : answer.answered() ? " refused (" : " unclear (")
            + answer.text() + ")");
        if (answer.accepted()) {
          problems.add(label + " is accepted (" + answer.text() + ")");
        } else if (!answer.answered()) {
          problems.add("whether " + label + " is refused could not be told: " + answer.text());
        }
      }
      String tls12 = handshake(address, serverName, port, "TLSv1.2", timeoutMs);
      String tls13 = handshake(address, serverName, port, "TLSv1.3", timeoutMs);
      seen.add("TLS 1.2 " + tls12);
      seen.add("TLS 1.3 " + tls13);
      if (!tls12.startsWith("accepted") && !tls13.startsWith("accepted")) {
        problems.add("neither TLS 1.2 nor TLS 1.3 is accepted");
      }
    } catch (IOException e) {
      return run.failed(observedFailure(e), ConnectionFailures.describe(e, host, endpoint, "TLS handshake", timeout));
    }
    String observed = String.join(", ", seen);
    if (!problems.isEmpty()) {
      return run.failed(observed, String.join("; ", problems));
    }
    return run.passed(observed, "TLS 1.0 and 1.1 are refused, TLS 1.2 or newer is accepted. TLS 1.0 and 1.1"
        + " were offered with a hand-written ClientHello (the JVM refuses them itself); a ServerHello with"
        + " that version would have counted as accepted");
  }

  /**
   * The first address of {@code host} that takes a connection on {@code port}, as OkHttp tries
   * them: the probes then connect to the address the DNS judged, not to the name (which could
   * resolve anew).
   */
  private InetSocketAddress reachable(String host, int port, int timeoutMs) throws IOException {
    IOException last = null;
    for (InetAddress candidate : dns.lookup(host)) {
      InetSocketAddress address = new InetSocketAddress(candidate, port);
      try (Socket socket = new Socket()) {
        socket.connect(address, timeoutMs);
        return address;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last == null ? new UnknownHostException("no address for " + host) : last;
  }

  // A real handshake by the JVM with one protocol enabled: "accepted (<suite>)" or "refused (<why>)".
  private String handshake(InetSocketAddress address, String serverName, int port, String protocol, int timeoutMs)
      throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(address, timeoutMs);
      plain.setSoTimeout(timeoutMs);
      try (SSLSocket socket = (SSLSocket) anyCertificateContext().getSocketFactory()
          .createSocket(plain, serverName == null ? address.getAddress().getHostAddress() : serverName, port, true)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        if (serverName != null) {
          parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return "accepted (" + socket.getSession().getCipherSuite() + ")";
      } catch (SSLException | SocketException e) {
        return "refused (" + e.getMessage() + ")";
      } catch (SocketTimeoutException e) {
        return "unclear (no answer within " + timeoutMs + " ms)";
      }
    }
  }

  // ---- protected paths

  private Evidence protectedPaths(String name, HttpUrl base, List<String> paths) {
    if (paths.isEmpty()) {
      return Evidence.skipped(name, SafeUrls.safe(base), NO_PROTECTED_PATHS + BY_HAND_PROTECTED);
    }
    CheckRun run = CheckRun.start(name, SafeUrls.safe(base),
        "HTTP 401 without credentials on " + String.join(", ", paths));
    List<String> seen = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String path : paths) {
      HttpUrl url = HttpUrl.parse(TargetUrls.resolve(base.toString(), path));
      if (url == null) {
        throw new IllegalStateException(HttpSecurityProperties.KEY + ".protected-paths: '" + path
            + "' does not make a URL below " + SafeUrls.safe(base));
      }
      Answer answer = call(new Request.Builder().url(url).get().build());
      if (answer.failure() != null) {
        seen.add(path + " no answer");
        problems.add(path + " got no answer: "
            + ConnectionFailures.describe(answer.failure(), url.host(), url.port(), timeout));
        continue;
      }
      int code = answer.response().code();
      seen.add(path + " " + code);
      if (code == 401) {
        continue;
      }
      if (REDIRECTS.contains(code)) {
        problems.add(path + " redirected (HTTP " + code + ") to " + shown(String.valueOf(answer.response().header("Location")))
            + " instead of answering 401");
      } else if (code == 403) {
        problems.add(path + " answered 403, not 401: it refuses, but does not ask for credentials");
      } else if (code >= 200 && code < 300) {
        problems.add(path + " answered HTTP " + code + " without credentials: it is open");
      } else {
        problems.add(path + " answered HTTP " + code + ", not 401");
      }
    }
    String observed = String.join(", ", seen);
    if (!problems.isEmpty()) {
      return run.failed(observed, String.join("; ", problems));
    }
    return run.passed(observed, "every protected path answers 401 without credentials");
  }

  // ---- calls

  /** A response (closed, headers kept) or why there was none. */
  private record Answer(Response response, IOException failure) {}

  private Answer get(HttpUrl url, String origin) {
    return call(new Request.Builder().url(url).get().header("Origin", origin).build());
  }

  private Answer call(Request request) {
    // The body is not needed: closing the response discards it with its connection.
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response, null);
    } catch (IOException e) {
      return new Answer(null, e);
    }
  }

  private Evidence noAnswer(CheckRun run, HttpUrl url, IOException e) {
    return run.failed(observedFailure(e), ConnectionFailures.describe(e, url.host(), url.port(), timeout));
  }

  private static String observedFailure(IOException e) {
    return e instanceof TargetRefusedException ? "not contacted"
        : e instanceof UnknownHostException || e instanceof ConnectException ? "no connection"
        : "no answer";
  }

  private static String shown(String value) {
    String trimmed = value.trim();
    return trimmed.length() <= SHOWN_VALUE ? trimmed : trimmed.substring(0, SHOWN_VALUE) + "...";
  }

  private static SSLContext anyCertificateContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {AnyCertificate.INSTANCE}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Accepts the server's certificate, whatever it is: the TLS certificate check judges it, this
   * check judges what is sent over the connection (nothing secret is sent).
   */
  private static final class AnyCertificate extends X509ExtendedTrustManager {
    static final AnyCertificate INSTANCE = new AnyCertificate();

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

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

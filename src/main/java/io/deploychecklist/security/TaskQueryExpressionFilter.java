package io.deploychecklist.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7.24 CE evaluates EL expressions ({@code ${...}}, {@code #{...}}) inside task queries
 * under some configurations, and 7.24 gets no more patches: a task query that carries an
 * expression is refused here with 400, before it reaches the engine, on both ways in:
 * <ul>
 *   <li>the REST API: {@code /engine-rest[/engine/{name}]/...};
 *   <li>the webapps' engine API (Tasklist, Cockpit): {@code /camunda/api/engine/engine/{name}/...}.
 * </ul>
 * Query parameters are checked on every request of both APIs (decoded, as the API would read
 * them); request bodies on the endpoints that take a task query: {@code POST /task},
 * {@code /task/count}, {@code /filter/{id}/list|count|singleResult} (the extending query) and
 * {@code /filter/create}, {@code PUT /filter/{id}} (a stored query). Bodies are parsed as JSON, so
 * a dollar sign written as a JSON unicode escape and expressions nested anywhere (e.g. in
 * {@code orQueries}) are seen. Bodies of other requests (e.g. variables of a completed task) are data, never evaluated,
 * and are left alone.
 *
 * <p>Second line: the engine itself runs with {@code enableExpressionsInAdhocQueries} and
 * {@code enableExpressionsInStoredQueries} off (application.yaml).
 */
final class TaskQueryExpressionFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(TaskQueryExpressionFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A query body is a few kilobytes; anything far beyond is not a task query. */
  static final int MAX_QUERY_BODY_BYTES = 1024 * 1024;

  private static final Pattern QUERY_ENDPOINT = Pattern.compile(
      "^/(task|task/count|filter/create|filter/[^/]+|filter/[^/]+/(list|count|singleResult))/?$");

  private final Pattern restApi;
  private final Pattern webappEngineApi;

  /**
   * @param restRoot path of the REST API, e.g. {@code /engine-rest}
   * @param webappRoot path of the webapps, e.g. {@code /camunda}
   */
  TaskQueryExpressionFilter(String restRoot, String webappRoot) {
    this.restApi = Pattern.compile("^" + Pattern.quote(restRoot) + "(?:/engine/[^/]+)?(/.*)?$");
    this.webappEngineApi = Pattern.compile("^" + Pattern.quote(webappRoot) + "/api/engine/engine/[^/]+(/.*)?$");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> apiPath = apiPath(RequestPath.of(request));
    if (apiPath.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> inQuery = expressionInQueryString(request.getQueryString());
    if (inQuery.isPresent()) {
      refuse(request, response, "query parameter '" + inQuery.get() + "'");
      return;
    }
    if (!QUERY_ENDPOINT.matcher(apiPath.get()).matches() || !hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_QUERY_BODY_BYTES + 1);
    if (body.length > MAX_QUERY_BODY_BYTES) {
      RequestPath.refuse(response, 413, "InvalidRequestException",
          "A task query must not be larger than " + MAX_QUERY_BODY_BYTES + " bytes");
      return;
    }
    Optional<String> inBody = expressionInBody(body);
    if (inBody.isPresent()) {
      refuse(request, response, "'" + inBody.get() + "' of the request body");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The path inside the engine API ({@code /task}, {@code /filter/1/list}), if it is one. */
  private Optional<String> apiPath(String path) {
    for (Pattern api : new Pattern[] {restApi, webappEngineApi}) {
      Matcher matcher = api.matcher(path);
      if (matcher.matches()) {
        return Optional.of(matcher.group(1) == null ? "/" : matcher.group(1));
      }
    }
    return Optional.empty();
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() != 0
        && ("POST".equalsIgnoreCase(request.getMethod()) || "PUT".equalsIgnoreCase(request.getMethod()));
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String where)
      throws IOException {
    LOG.warn("Refused {} {} from {}: expression in {}", request.getMethod(), request.getRequestURI(),
        request.getRemoteAddr(), where);
    RequestPath.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
        "Expressions (${...} or #{...}) are not allowed in task queries: found one in " + where);
  }

  // ------------------------------------------------------------------ detection

  static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** The name of the first parameter whose name or value carries an expression, at any decoding depth. */
  static Optional<String> expressionInQueryString(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : queryString.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      if (carriesExpression(name) || carriesExpression(value)) {
        return Optional.of(decodeOnce(name));
      }
    }
    return Optional.empty();
  }

  /** Raw, then decoded again and again (a double-encoded expression is refused too). */
  private static boolean carriesExpression(String raw) {
    String text = raw;
    for (int depth = 0; depth < 4; depth++) {
      if (isExpression(text)) {
        return true;
      }
      String decoded = decodeOnce(text);
      if (decoded.equals(text)) {
        return false;
      }
      text = decoded;
    }
    return isExpression(text);
  }

  private static String decodeOnce(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  /** Where in the body an expression is (a JSON path), if anywhere. */
  static Optional<String> expressionInBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException notJson) {
      json = null; // the API refuses it as well; the raw text is checked below all the same
    }
    Optional<String> found = json == null ? Optional.empty() : find(json, "");
    if (found.isPresent()) {
      return found;
    }
    return isExpression(text) ? Optional.of("body") : Optional.empty();
  }

  private static Optional<String> find(JsonNode node, String path) {
    if (node.isTextual()) {
      return isExpression(node.asText()) ? Optional.of(path.isEmpty() ? "body" : path) : Optional.empty();
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isExpression(field.getKey())) {
          return Optional.of(fieldPath);
        }
        Optional<String> found = find(field.getValue(), fieldPath);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = find(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Hands the already read body on to the API. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
          java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}

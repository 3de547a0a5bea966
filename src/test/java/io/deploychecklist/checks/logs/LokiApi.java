package io.deploychecklist.checks.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stand-in for Grafana Loki: an HTTP server on a free port of the loopback address that answers
 * the part of Loki's documented HTTP API the log checks use, as the documentation says Loki
 * answers it. It exists because no Grafana Loki can be installed on this project's machines
 * (Debian's package {@code loki} is an unrelated program; Grafana Loki is in none of the package
 * registries the project uses): the log checks' scenarios run against it everywhere, and against a
 * real Loki ({@link LokiProcess}) where one is installed. It keeps its streams in memory.
 *
 * <ul>
 *   <li>{@code GET /ready}: 200 {@code ready}.
 *   <li>{@code POST /loki/api/v1/push} with {@code Content-Type: application/json}: {@code
 *       {"streams":[{"stream":{labels},"values":[["<ns>","<line>"(,{structured metadata})],...]}]}},
 *       timestamps as strings of nanoseconds; 204. An entry with the same stream, nanosecond and
 *       line as a stored one is dropped, as Loki drops duplicates. Out-of-order and old entries are
 *       accepted (Loki's defaults since 2.4, and {@code reject_old_samples: false} as the real
 *       Loki of the tests is configured).
 *   <li>{@code GET /loki/api/v1/query_range}: {@code query} a LogQL log stream selector of label
 *       matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}; values as double-quoted or
 *       backquoted strings; regular expressions anchored at both ends; a label a stream lacks
 *       compares as the empty string; at least one matcher must reject the empty string);
 *       {@code start} (inclusive, default an hour before {@code end}) and {@code end} (exclusive,
 *       default now) as nanoseconds, seconds (up to 10 digits, or with a fraction) or RFC 3339;
 *       {@code limit} (default 100, at most 5000: Loki's default {@code
 *       max_entries_limit_per_query}) entries over all streams; {@code direction} {@code forward}
 *       or {@code backward} (the default). The answer is {@code
 *       {"status":"success","data":{"resultType":"streams","result":[{"stream":{...},"values":[["<ns>","<line>"],...]}],"stats":{...}}}},
 *       each stream's values in the query's direction; structured metadata comes back among the
 *       stream's labels, as Loki 3 answers a client that does not ask for categorised labels.
 * </ul>
 *
 * <p>A query that is not a bare stream selector (a line filter, a parser, any pipeline stage, a
 * metric query) is refused with HTTP 400 and a {@code parse error} text, so a check that started
 * putting a pattern or a secret into its query would fail its tests here. Regular expressions are
 * Java's where Loki's are Go's RE2, which agree on what selectors use. Authentication and tenants
 * ({@code X-Scope-OrgID}) are not modelled: the tests' real Loki runs with {@code auth_enabled:
 * false}, which ignores them too.
 *
 * <p>Every request line (method, path and query string, percent-decoded so a value is found as it
 * was sent) is recorded: {@link #requests()}, and {@link #queryLog()} as the real Loki's log of its
 * queries is read. Request bodies (pushed lines) are not recorded.
 */
public final class LokiApi implements Loki {

  /** Loki's default {@code limits_config.max_entries_limit_per_query}. */
  static final int MAX_ENTRIES_LIMIT_PER_QUERY = 5000;
  static final int DEFAULT_LIMIT = 100;
  static final String EMPTY_COMPATIBLE = "parse error : queries require at least one regexp or equality matcher"
      + " that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this"
      + " requirement, but app=~\".+\" will";

  private static final String HOST = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final MockWebServer server = new MockWebServer();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  /** Guarded by itself. */
  private final List<Stored> entries = new ArrayList<>();

  private LokiApi() {}

  /** Starts the stand-in on a free port of the loopback address. */
  public static LokiApi start() {
    LokiApi loki = new LokiApi();
    loki.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return loki.answer(request);
      }
    });
    try {
      loki.server.start(InetAddress.getByName(HOST), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the stand-in for Loki", e);
    }
    return loki;
  }

  @Override
  public String url() {
    return "http://" + HOST + ":" + server.getPort();
  }

  /** Every request line received so far, oldest first: {@code GET /loki/api/v1/query_range?query=...}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public String queryLog() {
    return String.join("\n", requests);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  // ---- the HTTP API

  private MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    requests.add(requestLine(request.getMethod(), url));
    try {
      return switch (url.encodedPath()) {
        case "/ready" -> allow(request, "GET") ? text(200, "ready\n") : methodNotAllowed();
        case "/loki/api/v1/push" -> allow(request, "POST") ? push(request) : methodNotAllowed();
        case "/loki/api/v1/query_range" -> allow(request, "GET") ? queryRange(url) : methodNotAllowed();
        default -> text(404, "404 page not found\n");
      };
    } catch (BadRequest e) {
      return text(400, e.getMessage() + "\n");
    }
  }

  private static boolean allow(RecordedRequest request, String method) {
    return method.equals(request.getMethod());
  }

  private static String requestLine(String method, HttpUrl url) {
    StringBuilder line = new StringBuilder(method).append(' ').append(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      line.append(i == 0 ? '?' : '&').append(url.queryParameterName(i));
      String value = url.queryParameterValue(i);
      if (value != null) {
        line.append('=').append(value);
      }
    }
    return line.toString();
  }

  private MockResponse push(RecordedRequest request) throws BadRequest {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new BadRequest("the stand-in for Loki takes JSON pushes only (Content-Type: application/json),"
          + " not snappy-compressed protobuf");
    }
    JsonNode root;
    try {
      root = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      throw new BadRequest("loghttp.PushRequest: the body is not JSON");
    }
    if (root == null || !root.path("streams").isArray()) {
      throw new BadRequest("loghttp.PushRequest.Streams: an array of streams is required");
    }
    List<Stored> parsed = new ArrayList<>();
    for (JsonNode stream : root.path("streams")) {
      SortedMap<String, String> labels = stringMap(stream.path("stream"), "stream");
      if (labels.isEmpty()) {
        throw new BadRequest("error at least one label pair is required per stream");
      }
      for (String name : labels.keySet()) {
        if (!LABEL_NAME.matcher(name).matches()) {
          throw new BadRequest("error parsing labels: invalid label name " + name);
        }
      }
      for (JsonNode value : stream.path("values")) {
        if (!value.isArray() || value.size() < 2 || value.size() > 3 || !value.get(1).isTextual()) {
          throw new BadRequest("loghttp.PushRequest: a value is [\"<unix epoch in nanoseconds>\", \"<log line>\"]"
              + " with optional structured metadata");
        }
        if (!value.get(0).isTextual()) {
          // The documentation: a timestamp sent as a number and not as a string is a 400.
          throw new BadRequest("loghttp.PushRequest: the timestamp must be a string, was " + value.get(0));
        }
        long nanos;
        try {
          nanos = Long.parseLong(value.get(0).asText());
        } catch (NumberFormatException e) {
          throw new BadRequest("strconv.ParseInt: parsing \"" + value.get(0).asText() + "\": invalid syntax");
        }
        SortedMap<String, String> metadata = value.size() == 3 ? stringMap(value.get(2), "structured metadata")
            : new TreeMap<>();
        parsed.add(new Stored(labels, nanos, value.get(1).asText(), metadata));
      }
    }
    synchronized (entries) {
      for (Stored entry : parsed) {
        boolean duplicate = entries.stream().anyMatch(stored -> stored.nanos == entry.nanos
            && stored.labels.equals(entry.labels) && stored.line.equals(entry.line));
        if (!duplicate) {
          entries.add(entry);
        }
      }
    }
    return new MockResponse().setResponseCode(204);
  }

  private static SortedMap<String, String> stringMap(JsonNode node, String what) throws BadRequest {
    if (!node.isObject()) {
      throw new BadRequest("loghttp.PushRequest: " + what + " must be an object of strings");
    }
    SortedMap<String, String> map = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isTextual()) {
        throw new BadRequest("loghttp.PushRequest: " + what + " must be an object of strings");
      }
      map.put(field.getKey(), field.getValue().asText());
    }
    return map;
  }

  private MockResponse queryRange(HttpUrl url) throws BadRequest {
    for (String unsupported : List.of("since", "interval")) {
      if (url.queryParameter(unsupported) != null) {
        throw new BadRequest("the stand-in for Loki does not implement the parameter " + unsupported);
      }
    }
    Instant now = Instant.now();
    long end = timestamp(url.queryParameter("end"), Loki.nanos(now));
    long start = timestamp(url.queryParameter("start"), end - TimeUnit.HOURS.toNanos(1));
    if (end < start) {
      throw new BadRequest("end timestamp must not be before or equal to start time");
    }
    int limit = limit(url.queryParameter("limit"));
    boolean forward = forward(url.queryParameter("direction"));
    List<Matcher> selector = StreamSelector.parse(url.queryParameter("query") == null ? "" : url.queryParameter("query"));

    Comparator<Stored> order = Comparator.<Stored>comparingLong(e -> e.nanos)
        .thenComparing(e -> e.labels.toString());
    List<Stored> selected;
    synchronized (entries) {
      // Stable: entries of one stream at one nanosecond keep the order they were pushed in.
      selected = entries.stream()
          .filter(e -> e.nanos >= start && e.nanos < end && StreamSelector.matches(selector, e.labels))
          .sorted(forward ? order : order.reversed())
          .limit(limit)
          .toList();
    }
    if (!forward) {
      // Reversed comparators reverse ties too; reverse the pushed order within a nanosecond as well.
      selected = reverseTies(selected);
    }

    Map<SortedMap<String, String>, ArrayNode> streams = new LinkedHashMap<>();
    for (Stored entry : selected) {
      SortedMap<String, String> labels = new TreeMap<>(entry.metadata);
      labels.putAll(entry.labels);
      streams.computeIfAbsent(labels, l -> JSON.createArrayNode())
          .add(JSON.createArrayNode().add(Long.toString(entry.nanos)).add(entry.line));
    }
    ObjectNode answer = JSON.createObjectNode().put("status", "success");
    ObjectNode data = answer.putObject("data").put("resultType", "streams");
    ArrayNode result = data.putArray("result");
    streams.forEach((labels, values) -> {
      ObjectNode stream = result.addObject();
      ObjectNode labelsNode = stream.putObject("stream");
      labels.forEach(labelsNode::put);
      stream.set("values", values);
    });
    data.putObject("stats").putObject("summary")
        .put("totalEntriesReturned", selected.size())
        .put("execTime", 0.0);
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json; charset=UTF-8")
        .setBody(answer.toString());
  }

  private static List<Stored> reverseTies(List<Stored> backward) {
    // The sort is stable, so the pushed order survives within equal keys; backward wants it reversed.
    List<Stored> result = new ArrayList<>(backward.size());
    int i = 0;
    while (i < backward.size()) {
      int j = i;
      Stored first = backward.get(i);
      while (j < backward.size() && backward.get(j).nanos == first.nanos
          && backward.get(j).labels.equals(first.labels)) {
        j++;
      }
      List<Stored> tie = new ArrayList<>(backward.subList(i, j));
      Collections.reverse(tie);
      result.addAll(tie);
      i = j;
    }
    return result;
  }

  /** A timestamp as Loki reads one: nanoseconds, seconds (10 digits or fewer, or with a fraction), or RFC 3339. */
  static long timestamp(String value, long defaultNanos) throws BadRequest {
    if (value == null || value.isEmpty()) {
      return defaultNanos;
    }
    if (value.contains(".")) {
      try {
        BigDecimal seconds = new BigDecimal(value);
        // Loki rounds the fraction to milliseconds.
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        BigDecimal fraction = seconds.subtract(whole).setScale(3, RoundingMode.HALF_UP);
        return whole.longValueExact() * 1_000_000_000L + fraction.movePointRight(9).longValue();
      } catch (NumberFormatException | ArithmeticException notANumber) {
        // may still be RFC 3339
      }
    }
    try {
      long number = Long.parseLong(value);
      return value.length() <= 10 ? number * 1_000_000_000L : number;
    } catch (NumberFormatException notAnInteger) {
      try {
        return Loki.nanos(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException notADate) {
        throw new BadRequest("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
      }
    }
  }

  private static int limit(String value) throws BadRequest {
    int limit;
    if (value == null || value.isEmpty()) {
      limit = DEFAULT_LIMIT;
    } else {
      try {
        limit = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new BadRequest("strconv.Atoi: parsing \"" + value + "\": invalid syntax");
      }
    }
    if (limit <= 0) {
      throw new BadRequest("limit must be a positive value");
    }
    if (limit > MAX_ENTRIES_LIMIT_PER_QUERY) {
      throw new BadRequest("max entries limit per query exceeded, limit > max_entries_limit_per_query ("
          + limit + " > " + MAX_ENTRIES_LIMIT_PER_QUERY + ")");
    }
    return limit;
  }

  private static boolean forward(String value) throws BadRequest {
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "FORWARD" -> true;
      case "BACKWARD" -> false;
      default -> throw new BadRequest("invalid direction '" + value + "'");
    };
  }

  private static MockResponse text(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(body);
  }

  private static MockResponse methodNotAllowed() {
    return new MockResponse().setResponseCode(405);
  }

  /** One stored entry; {@code metadata} is its structured metadata. */
  private record Stored(SortedMap<String, String> labels, long nanos, String line, SortedMap<String, String> metadata) {}

  /** A label matcher of a stream selector; a label the stream lacks compares as "". */
  record Matcher(String name, String operator, String value, Pattern regex) {

    boolean matches(String labelValue) {
      return switch (operator) {
        case "=" -> labelValue.equals(value);
        case "!=" -> !labelValue.equals(value);
        case "=~" -> regex.matcher(labelValue).matches();
        case "!~" -> !regex.matcher(labelValue).matches();
        default -> throw new IllegalStateException(operator);
      };
    }
  }

  /** What Loki answers 400 to, with its text. */
  static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  /** A LogQL log stream selector and nothing else: {@code {name="value", name=~"regex", ...}}. */
  static final class StreamSelector {

    private final String query;
    private int at;

    private StreamSelector(String query) {
      this.query = query;
    }

    static boolean matches(List<Matcher> matchers, Map<String, String> labels) {
      return matchers.stream().allMatch(m -> m.matches(labels.getOrDefault(m.name(), "")));
    }

    /** The matchers of {@code query}; a 400's text for anything else. */
    static List<Matcher> parse(String query) throws BadRequest {
      List<Matcher> matchers = new StreamSelector(query).selector();
      // As Loki: a selector whose every matcher also selects streams without the label would read
      // every stream there is.
      if (matchers.stream().allMatch(m -> m.matches(""))) {
        throw new BadRequest(EMPTY_COMPATIBLE);
      }
      return matchers;
    }

    private List<Matcher> selector() throws BadRequest {
      skipSpace();
      if (at >= query.length()) {
        throw syntax("unexpected $end");
      }
      if (query.charAt(at) != '{') {
        throw unsupported();
      }
      at++;
      List<Matcher> matchers = new ArrayList<>();
      skipSpace();
      if (peek() == '}') {
        at++;
      } else {
        while (true) {
          matchers.add(matcher());
          skipSpace();
          char next = peek();
          at++;
          if (next == '}') {
            break;
          }
          if (next != ',') {
            at--;
            throw syntax(next == 0 ? "unexpected $end, expecting } or ," : "unexpected " + next + ", expecting } or ,");
          }
        }
      }
      skipSpace();
      if (at < query.length()) {
        throw unsupported();
      }
      return matchers;
    }

    private Matcher matcher() throws BadRequest {
      skipSpace();
      int nameStart = at;
      while (at < query.length() && (Character.isLetterOrDigit(query.charAt(at)) || query.charAt(at) == '_')) {
        at++;
      }
      String name = query.substring(nameStart, at);
      if (!LABEL_NAME.matcher(name).matches()) {
        at = nameStart;
        throw syntax(peek() == 0 ? "unexpected $end, expecting IDENTIFIER" : "unexpected " + peek() + ", expecting IDENTIFIER");
      }
      skipSpace();
      String operator;
      if (query.startsWith("=~", at) || query.startsWith("!~", at) || query.startsWith("!=", at)) {
        operator = query.substring(at, at + 2);
      } else if (query.startsWith("=", at)) {
        operator = "=";
      } else {
        throw syntax(peek() == 0 ? "unexpected $end, expecting = or != or =~ or !~"
            : "unexpected " + peek() + ", expecting = or != or =~ or !~");
      }
      at += operator.length();
      skipSpace();
      int valueAt = at;
      String value = string();
      Pattern regex = null;
      if (operator.endsWith("~")) {
        try {
          // Anchored at both ends, and '.' matches a newline too, as Prometheus' matchers that Loki uses.
          regex = Pattern.compile("(?s:" + value + ")");
        } catch (PatternSyntaxException e) {
          throw new BadRequest(position(valueAt) + "error parsing regexp: " + e.getDescription() + ": `" + value + "`");
        }
      }
      return new Matcher(name, operator, value, regex);
    }

    private String string() throws BadRequest {
      char quote = peek();
      if (quote != '"' && quote != '`') {
        throw syntax(quote == 0 ? "unexpected $end, expecting STRING" : "unexpected " + quote + ", expecting STRING");
      }
      int start = at++;
      StringBuilder value = new StringBuilder();
      while (at < query.length()) {
        char c = query.charAt(at++);
        if (c == quote) {
          return value.toString();
        }
        if (c == '\\' && quote == '"') {
          value.append(escape(start));
        } else if (c == '\n' && quote == '"') {
          break;
        } else {
          value.append(c);
        }
      }
      at = start;
      throw syntax("literal not terminated");
    }

    private String escape(int literalStart) throws BadRequest {
      if (at >= query.length()) {
        at = literalStart;
        throw syntax("literal not terminated");
      }
      char c = query.charAt(at++);
      return switch (c) {
        case '"', '\\', '\'' -> String.valueOf(c);
        case 'n' -> "\n";
        case 't' -> "\t";
        case 'r' -> "\r";
        case 'a' -> "\u0007";
        case 'b' -> "\b";
        case 'f' -> "\f";
        case 'v' -> "\u000b";
        case 'x' -> hex(2);
        case 'u' -> hex(4);
        case 'U' -> hex(8);
        default -> {
          at -= 2;
          throw syntax("invalid syntax");
        }
      };
    }

    private String hex(int digits) throws BadRequest {
      if (at + digits > query.length()) {
        throw syntax("invalid syntax");
      }
      try {
        int code = Integer.parseUnsignedInt(query.substring(at, at + digits), 16);
        at += digits;
        return new String(Character.toChars(code));
      } catch (IllegalArgumentException e) {
        throw syntax("invalid syntax");
      }
    }

    private char peek() {
      return at < query.length() ? query.charAt(at) : 0;
    }

    private void skipSpace() {
      while (at < query.length() && Character.isWhitespace(query.charAt(at))) {
        at++;
      }
    }

    private String position(int index) {
      return "parse error at line 1, col " + (index + 1) + ": ";
    }

    private BadRequest syntax(String what) {
      return new BadRequest(position(at) + "syntax error: " + what);
    }

    private BadRequest unsupported() {
      return new BadRequest(position(at) + "the stand-in for Loki answers a log stream selector alone,"
          + " without a line filter, parser, pipeline stage or metric function");
    }
  }
}

package io.deploychecklist.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The REST API as an HTTP client uses it: one user's credentials (or none), JSON in and out. */
public final class Rest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final OkHttpClient HTTP = new OkHttpClient();

  private final String baseUrl;
  private final String authorization;

  private Rest(int port, String authorization) {
    this(port, "/engine-rest", authorization);
  }

  private Rest(int port, String basePath, String authorization) {
    this.baseUrl = "http://127.0.0.1:" + port + basePath;
    this.authorization = authorization;
  }

  /** The application's own paths beside the REST API ({@code /actuator/...}, {@code /api/...}); user null: anonymous. */
  public static Rest application(int port, String user, String password) {
    return new Rest(port, "", user == null ? null : Credentials.basic(user, password));
  }

  public static Rest as(int port, String user, String password) {
    return new Rest(port, Credentials.basic(user, password));
  }

  public static Rest anonymous(int port) {
    return new Rest(port, null);
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  /** A GET asking for that media type (the Prometheus text format, a page). */
  public Reply get(String path, String accept) {
    return send("GET", path, null, accept);
  }

  public Reply post(String path, Object body) {
    return send("POST", path, body);
  }

  public Reply put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** A POST answered in HAL, as Tasklist asks for a filter's tasks (with the variables of each card). */
  public Reply postHal(String path, Object body) {
    return send("POST", path, body, "application/hal+json");
  }

  /** @param body a JSON string, or an object Jackson writes as JSON, or null */
  public Reply send(String method, String path, Object body) {
    return send(method, path, body, "application/json");
  }

  private Reply send(String method, String path, Object body, String accept) {
    try {
      RequestBody requestBody = body == null
          ? ("POST".equals(method) || "PUT".equals(method) ? RequestBody.create("", JSON_TYPE) : null)
          : RequestBody.create(body instanceof String text ? text : JSON.writeValueAsString(body), JSON_TYPE);
      Request.Builder request = new Request.Builder().url(baseUrl + path).method(method, requestBody)
          .header("Accept", accept);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      try (Response response = HTTP.newCall(request.build()).execute()) {
        return new Reply(response.code(), response.body() == null ? "" : response.body().string(),
            response.header("WWW-Authenticate"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  /** A variable as the REST API takes it: {@code {"value": ...}}. */
  public static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  /** Variables in the REST API's shape, from plain values. */
  public static Map<String, Object> variables(Map<String, ?> plain) {
    Map<String, Object> variables = new LinkedHashMap<>();
    plain.forEach((name, value) -> variables.put(name, value(value)));
    return variables;
  }

  public record Reply(int status, String body, String authenticate) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String message() {
      return body.isBlank() ? "" : json().path("message").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}

package io.deploychecklist.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The Camunda REST API ({@code /engine-rest}) of one node, as JSON. */
public final class EngineRest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(2))
      .readTimeout(Duration.ofSeconds(30))
      .retryOnConnectionFailure(false)
      .build();

  private final String name;
  private final String baseUrl;
  private final String credentials;

  /** The REST API of a node as {@code user}: every path needs HTTP Basic authentication. */
  public EngineRest(String name, String baseUrl, String user, String password) {
    this.name = name;
    this.baseUrl = baseUrl.endsWith("/engine-rest") ? baseUrl : baseUrl + "/engine-rest";
    this.credentials = Credentials.basic(user, password);
  }

  /** The same node as another user. */
  EngineRest as(String user, String password) {
    return new EngineRest(name, baseUrl, user, password);
  }

  String name() {
    return name;
  }

  JsonNode get(String path) {
    return call(new Request.Builder().url(baseUrl + path).get().build());
  }

  JsonNode post(String path, Object body) {
    return call(new Request.Builder().url(baseUrl + path).post(json(body)).build());
  }

  JsonNode put(String path, Object body) {
    return call(new Request.Builder().url(baseUrl + path).put(json(body)).build());
  }

  /** Whether the node answers at all (its engine is up and its web server listens). */
  boolean isUp() {
    try (Response response = HTTP.newCall(new Request.Builder().url(baseUrl + "/engine")
        .header("Authorization", credentials).get().build()).execute()) {
      return response.isSuccessful();
    } catch (IOException e) {
      return false;
    }
  }

  private JsonNode call(Request unauthenticated) {
    Request request = unauthenticated.newBuilder().header("Authorization", credentials).build();
    try (Response response = HTTP.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new Failure(name, request.method() + " " + request.url().encodedPath(), response.code(), text);
      }
      return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + request.method() + " " + request.url() + ": " + e.getMessage(), e);
    }
  }

  private static RequestBody json(Object body) {
    try {
      return RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP error answer of the REST API. */
  static final class Failure extends RuntimeException {
    final int status;

    Failure(String node, String call, int status, String body) {
      super(node + ": " + call + " answered " + status + ": " + body);
      this.status = status;
    }
  }
}

package io.deploychecklist.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The webapps (Tasklist, Cockpit, Admin) as a browser uses them: a session cookie, Camunda's CSRF
 * token in a header on every modifying request, the webapps' own API under {@code /camunda/api}.
 */
public final class Webapp {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final String baseUrl;
  private final OkHttpClient http;
  private final List<String> setCookieHeaders = new ArrayList<>();
  private String csrfToken;

  public Webapp(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
    // Keeps every cookie, Secure ones too: the tests talk plain HTTP on 127.0.0.1.
    Map<String, Cookie> cookies = new ConcurrentHashMap<>();
    this.http = new OkHttpClient.Builder()
        .followRedirects(false)
        .cookieJar(new CookieJar() {
          @Override
          public void saveFromResponse(HttpUrl url, List<Cookie> received) {
            received.forEach(cookie -> cookies.put(cookie.name(), cookie));
          }

          @Override
          public List<Cookie> loadForRequest(HttpUrl url) {
            return List.copyOf(cookies.values());
          }
        })
        .build();
  }

  /** Opens a session (and gets its CSRF token) and logs in to one of the webapps. */
  public static Webapp login(int port, String user, String password, String app) {
    Webapp webapp = new Webapp(port);
    int status = webapp.logIn(user, password, app);
    if (status != 200) {
      throw new AssertionError("login of " + user + " to " + app + " answered " + status);
    }
    return webapp;
  }

  /** The login's HTTP status: 200, or 401/403 when the user may not use that app. */
  public int logIn(String user, String password, String app) {
    fetchToken();
    RequestBody form = new FormBody.Builder().add("username", user).add("password", password).build();
    int status = call(new Request.Builder().url(baseUrl + "/camunda/api/admin/auth/user/default/login/" + app)
        .post(form)).status();
    // The login starts a new session: fetch its CSRF token as the webapp does.
    call(new Request.Builder().url(baseUrl + "/camunda/api/admin/auth/user/default").get());
    return status;
  }

  /** A GET gives the session its CSRF token (once per session). */
  public void fetchToken() {
    if (csrfToken == null) {
      call(new Request.Builder().url(baseUrl + "/camunda/api/admin/auth/user/default").get());
    }
  }

  public Rest.Reply get(String path) {
    return call(new Request.Builder().url(baseUrl + path).get());
  }

  public Rest.Reply post(String path, String json) {
    return call(new Request.Builder().url(baseUrl + path).post(RequestBody.create(json, JSON_TYPE)));
  }

  /** Every Set-Cookie header this session received, as sent. */
  public List<String> setCookieHeaders() {
    return List.copyOf(setCookieHeaders);
  }

  private Rest.Reply call(Request.Builder request) {
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String token = response.header("X-XSRF-TOKEN");
      if (token != null && !token.equals("Required")) {
        csrfToken = token;
      }
      setCookieHeaders.addAll(response.headers("Set-Cookie"));
      return new Rest.Reply(response.code(), response.body() == null ? "" : response.body().string(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(request.build().url().toString(), e);
    }
  }
}

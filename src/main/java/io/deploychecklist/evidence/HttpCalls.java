package io.deploychecklist.evidence;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** What the HTTP calls of the checks, the load run, the notifications and the pipeline share. */
public final class HttpCalls {

  private HttpCalls() {}

  /**
   * A client that sends each request once, on a connection of its own, and follows no redirect. A
   * check reports what the target does on the first try (retries would hide flakiness), a POST that
   * may have arrived is not repeated behind the caller's back, and a redirect is not the answer of
   * the configured URL. No idle connection is kept: checks are minutes apart, and a kept-alive
   * connection the target or a proxy closed in between would fail the next request ("unexpected end
   * of stream") although the target is fine. (The load run brings its own pool.)
   */
  public static OkHttpClient.Builder oneAttempt() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false);
  }

  /** Reads the body to its end without keeping it: a measured latency has to include it. */
  public static void drain(ResponseBody body) throws IOException {
    if (body == null) {
      return;
    }
    BufferedSource source = body.source();
    Buffer sink = new Buffer();
    while (source.read(sink, 8192) != -1) {
      sink.clear();
    }
  }
}

package io.deploychecklist.process;

import io.deploychecklist.ApplicationTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The service being released, as a real HTTP server whose health the test switches. Like a
 * well-kept service it sends the security headers that make sense over plain http (the HTTP
 * security check's), unless a test takes them away.
 */
final class TargetServer implements AutoCloseable {

  enum Behaviour { HEALTHY, UNHEALTHY, SLOW }

  /** The latency SLA the process tests run with. */
  static final int SLA_MILLIS = ApplicationTest.MAX_LATENCY_MILLIS;

  private final MockWebServer server = new MockWebServer();
  private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.HEALTHY);
  private final AtomicBoolean securityHeaders = new AtomicBoolean(true);

  TargetServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = answer();
        if (securityHeaders.get()) {
          response.setHeader("Content-Security-Policy", "default-src 'none'")
              .setHeader("X-Content-Type-Options", "nosniff")
              .setHeader("X-Frame-Options", "DENY");
        }
        return response;
      }

      private MockResponse answer() {
        return switch (behaviour.get()) {
          case HEALTHY -> new MockResponse().setBody("{\"status\":\"UP\"}");
          case UNHEALTHY -> new MockResponse().setResponseCode(503).setBody("{\"status\":\"DOWN\"}");
          // Beyond the SLA, inside the probe's 5 s timeout.
          case SLOW -> new MockResponse().setBody("{\"status\":\"UP\"}")
              .setHeadersDelay(SLA_MILLIS + 1000, TimeUnit.MILLISECONDS);
        };
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  void become(Behaviour next) {
    behaviour.set(next);
  }

  /** Sends the security headers, or none. */
  void securityHeaders(boolean sent) {
    securityHeaders.set(sent);
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}

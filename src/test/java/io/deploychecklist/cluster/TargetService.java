package io.deploychecklist.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A healthy service being released, on 127.0.0.1, answering every probe after a fixed delay (so a
 * probe job holds its lock a little while, as a real probe over the network does).
 */
final class TargetService implements AutoCloseable {

  private final MockWebServer server = new MockWebServer();

  TargetService(Duration delay) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setBody("{\"status\":\"UP\"}")
            // What a well-run service sends: the default profile checks these headers.
            .setHeader("Content-Security-Policy", "default-src 'self'")
            .setHeader("X-Content-Type-Options", "nosniff")
            .setHeader("X-Frame-Options", "DENY")
            .setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}

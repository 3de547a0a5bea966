package io.deploychecklist.monitoring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small HTTP server that a test's Prometheus scrapes: {@code GET /metrics} answers the gauges the
 * test set, in Prometheus' text exposition format (version 0.0.4), on a free port of 127.0.0.1.
 */
public final class MetricsTarget implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Double> gauges = new TreeMap<>();

  public MetricsTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Sets the gauge {@code name} (a metric name, optionally with labels: {@code a{b="c"}}). */
  public MetricsTarget set(String series, double value) {
    synchronized (gauges) {
      gauges.put(series, value);
    }
    return this;
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private String exposition() {
    Map<String, Map<String, Double>> byName = new TreeMap<>();
    synchronized (gauges) {
      gauges.forEach((series, value) ->
          byName.computeIfAbsent(series.replaceAll("\\{.*", ""), name -> new TreeMap<>()).put(series, value));
    }
    StringBuilder text = new StringBuilder();
    byName.forEach((name, series) -> {
      text.append("# HELP ").append(name).append(" set by the test\n# TYPE ").append(name).append(" gauge\n");
      series.forEach((line, value) -> text.append(line).append(' ').append(value).append('\n'));
    });
    return text.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

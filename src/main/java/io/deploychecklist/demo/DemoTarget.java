package io.deploychecklist.demo;

import io.deploychecklist.release.FallbackTarget;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Knows where the built-in demo target answers once the web server is up, so a release can default
 * its {@code targetBaseUrl} to it (the release's {@link FallbackTarget}). Only in the default profile; inject it as {@code
 * Optional<DemoTarget>} or {@code ObjectProvider<DemoTarget>}.
 */
@Component
@Profile("default")
public class DemoTarget implements FallbackTarget, ApplicationListener<ServletWebServerInitializedEvent> {

  static final String PATH = "/demo-target";

  private final AtomicReference<String> baseUrl = new AtomicReference<>();

  /** {@code http://localhost:<port><contextPath>/demo-target}; empty until the server is up. */
  @Override
  public Optional<String> baseUrl() {
    return Optional.ofNullable(baseUrl.get());
  }

  @Override
  public void onApplicationEvent(ServletWebServerInitializedEvent event) {
    // A separate management server has a namespace; the demo target lives on the main server.
    if (event.getApplicationContext().getServerNamespace() != null) {
      return;
    }
    int port = event.getWebServer().getPort();
    String contextPath = event.getApplicationContext().getServletContext().getContextPath();
    baseUrl.set("http://localhost:" + port + contextPath + PATH);
  }
}

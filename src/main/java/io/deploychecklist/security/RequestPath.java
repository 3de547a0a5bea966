package io.deploychecklist.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the servlet container routes on, and how the filters here answer a refusal. */
final class RequestPath {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The decoded, normalised path inside the application (servlet path plus path info): what the
   * container maps to a servlet, so "/a//b", "/a/./b", "%2e" tricks or ";param" segments cannot
   * slip past a check that the servlet behind it would still answer.
   */
  static String of(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return (servletPath + pathInfo).replaceAll("/{2,}", "/");
  }

  /** Camunda's REST error shape: {@code {"type": ..., "message": ...}}. */
  static void refuse(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", type, "message", message)));
    response.getWriter().flush();
  }

  private RequestPath() {}
}

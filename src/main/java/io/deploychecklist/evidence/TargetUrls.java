package io.deploychecklist.evidence;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Host and port of the release's target, taken from its base URL, and URLs below it. */
public final class TargetUrls {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private TargetUrls() {}

  /** @return the parsed http(s) URL, or {@code null} when {@code url} is blank or not http(s) */
  public static HttpUrl parse(String url) {
    return url == null || url.isBlank() ? null : HttpUrl.parse(url.trim());
  }

  /**
   * Joins a base URL and a path with exactly one slash between them.
   *
   * @return the joined URL; the base alone when the path is blank; {@code null} when the base is
   *     blank (there is nothing to call)
   */
  public static String resolve(String baseUrl, String path) {
    if (isBlank(baseUrl)) {
      return null;
    }
    String base = stripTrailingSlashes(baseUrl.trim());
    if (isBlank(path)) {
      return base;
    }
    String tail = path.trim();
    while (tail.startsWith("/")) {
      tail = tail.substring(1);
    }
    return tail.isEmpty() ? base : base + "/" + tail;
  }

  private static String stripTrailingSlashes(String value) {
    String result = value;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** An IPv4 or IPv6 literal (as {@link HttpUrl#host()} gives it, IPv6 without brackets). */
  public static boolean isIpLiteral(String host) {
    return host.contains(":") || IPV4.matcher(host).matches();
  }
}
